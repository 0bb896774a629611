import { App, Button, Card, DatePicker, Flex, Form, Input, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { levelName, useCreateTrip, useLeaderLevels } from './funnel.queries.ts';
import { VisitFields, visitToInput, type VisitValues } from './VisitFields.tsx';

type Values = {
  leaderName: string;
  leaderLevel: string;
  participants?: string;
  dates: [Dayjs, Dayjs];
  cities: (string | null)[];
  notes?: string;
  nextStep?: string;
  visits: VisitValues[];
};

/** 外出招商: a trip with its leader, days, cities in order and the enterprises visited, in one go, on a phone too. */
export function TripFormPage() {
  const { t, locale } = useI18n();
  const { data: levels } = useLeaderLevels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateTrip();

  const save = async (values: Values) => {
    const trip = await create.mutateAsync({
      leaderName: values.leaderName.trim(),
      leaderLevel: values.leaderLevel,
      participants: values.participants,
      fromOn: values.dates[0].format('YYYY-MM-DD'),
      toOn: values.dates[1].format('YYYY-MM-DD'),
      cities: values.cities.filter((code): code is string => !!code),
      notes: values.notes,
      nextStep: values.nextStep,
      visits: (values.visits ?? []).map(visitToInput),
    });
    void message.success(t('trip.saved'));
    void navigate(`/trips?saved=${trip.id}`);
  };

  return (
    <>
      <PageHeader title={t('trip.create')} onBack={() => void navigate('/trips')} />
      <ErrorAlert error={create.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ leaderLevel: 'countyHead', dates: [dayjs(), dayjs()], cities: [null], visits: [] }}
        onFinish={(values) => void save(values).catch(() => undefined)}
      >
        <Form.Item name="leaderName" label={t('trip.leader')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="leaderLevel" label={t('trip.level')} rules={[{ required: true }]}>
          <Select options={(levels ?? []).filter((level) => level.active).map((level) => ({ value: level.key, label: levelName(level, locale) }))} />
        </Form.Item>
        <Form.Item name="dates" label={t('trip.dates')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} placeholder={[t('trip.fromOn'), t('trip.toOn')]} />
        </Form.Item>
        <Form.Item label={t('trip.cities')} required={false}>
          <Form.List name="cities">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="center">
                    <span style={{ width: 20 }}>{index + 1}.</span>
                    <Form.Item name={field.name} noStyle>
                      <RegionSelect aria-label={`${t('trip.cities')} ${index + 1}`} style={{ flex: 1, minWidth: 0 }} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('action.delete')} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(null)}>
                  {t('trip.addCity')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="participants" label={t('trip.participants')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label={t('trip.visits')}>
          <Form.List name="visits">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    data-testid="trip-visit"
                    title={`${t('visit.kind.visit')} ${index + 1}`}
                    extra={<Button type="text" icon={<DeleteOutlined />} aria-label={t('visit.remove')} onClick={() => remove(field.name)} />}
                  >
                    <VisitFields prefix={[field.name]} />
                  </Card>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    const dates = form.getFieldValue('dates') as [Dayjs, Dayjs] | undefined;
                    add({ kind: 'visit', visitedOn: dates?.[0] ?? dayjs() });
                  }}
                >
                  {t('trip.addVisit')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="notes" label={t('trip.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="nextStep" label={t('trip.nextStep')}>
          <Input maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={create.isPending}>
          {t('action.save')}
        </Button>
      </Form>
    </>
  );
}
