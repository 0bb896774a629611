/**
 * The error catalogue: every error the API returns has a stable code, an HTTP status and a message in
 * zh-CN and en. `{field}` in a message is replaced by the field's label in that language.
 */
export const ERRORS = {
  'validation.invalid': { status: 400, zh: '{field}:{detail}', en: '{field}: {detail}' },
  'validation.required': { status: 400, zh: '{field}:不能为空', en: '{field}: is required' },
  'creditCode.length': { status: 400, zh: '{field}:应为18位', en: '{field}: must be 18 characters' },
  'creditCode.character': {
    status: 400,
    zh: '{field}:含有不允许的字符(不使用I、O、S、V、Z)',
    en: '{field}: contains a character that is not allowed (I, O, S, V and Z are never used)',
  },
  'creditCode.checkDigit': { status: 400, zh: '{field}:校验位不正确', en: '{field}: the check character is wrong' },
  'creditCode.taken': {
    status: 409,
    zh: '{field}:该统一社会信用代码已登记,请联系招商局合并或共享',
    en: '{field}: this credit code is already registered; ask the bureau to merge or share the enterprise',
  },
  'region.unknown': { status: 400, zh: '{field}:不是有效的行政区划代码', en: '{field}: is not a known region code' },
  'password.tooShort': { status: 400, zh: '{field}:至少8位', en: '{field}: must be at least 8 characters' },
  'password.tooFewClasses': {
    status: 400,
    zh: '{field}:须包含大写字母、小写字母、数字、符号中的至少三类',
    en: '{field}: must mix at least three of upper case, lower case, digits and symbols',
  },
  'password.containsUsername': { status: 400, zh: '{field}:不能包含用户名', en: '{field}: must not contain the username' },
  'password.wrongCurrent': { status: 400, zh: '{field}:当前密码不正确', en: '{field}: the current password is wrong' },
  'password.tooSimple': {
    status: 400,
    zh: '{field}:过于简单(重复、连续或很少的不同字符)',
    en: '{field}: is too simple (repeated or consecutive characters, or too few different ones)',
  },
  'password.common': { status: 400, zh: '{field}:是常见的泄露密码,请换一个', en: '{field}: is a commonly leaked password; choose another' },
  'password.sameAsCurrent': { status: 400, zh: '{field}:不能与当前密码相同', en: '{field}: must differ from the current password' },
  'auth.badCredentials': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': {
    status: 423,
    zh: '登录失败次数过多,账号已锁定,请{minutes}分钟后再试',
    en: 'Too many failed logins: the account is locked, try again in {minutes} minutes',
  },
  'auth.disabled': { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  'auth.required': { status: 401, zh: '请先登录', en: 'Please log in' },
  'auth.expired': { status: 401, zh: '长时间未操作,请重新登录', en: 'Your session timed out; please log in again' },
  'auth.mustChangePassword': {
    status: 403,
    zh: '请先修改初始密码',
    en: 'Change the initial password first',
  },
  'auth.forbidden': { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  'auth.readOnly': { status: 403, zh: '当前角色只能查看,不能修改', en: 'Your role can read but not change records' },
  'auth.throttled': {
    status: 429,
    zh: '登录失败次数过多,请{seconds}秒后再试',
    en: 'Too many failed logins: try again in {seconds} seconds',
  },
  'auth.accountLocked': {
    status: 423,
    zh: '登录失败次数过多,账号已锁定,请联系招商局解锁',
    en: 'Too many failed logins: the account is locked until the bureau unlocks it',
  },
  'request.crossSite': { status: 403, zh: '请求不是来自本系统的页面,已拒绝', en: 'Refused: the request did not come from this app' },
  'request.unsupportedType': {
    status: 415,
    zh: '请求内容类型不受支持(应为 JSON)',
    en: 'Unsupported request content type (JSON expected)',
  },
  'webhook.hostNotAllowed': {
    status: 400,
    zh: '{field}:只能是企业微信或钉钉机器人的地址(或招商局允许的主机)',
    en: '{field}: must be a WeCom or DingTalk robot address (or a host the bureau allows)',
  },
  'webhook.addressNotAllowed': {
    status: 400,
    zh: '{field}:指向本机或内网地址,不允许',
    en: '{field}: points to a loopback, link-local or private address, which is not allowed',
  },
  'notFound': { status: 404, zh: '{entity}不存在', en: '{entity} not found' },
  'unit.codeTaken': { status: 409, zh: '{field}:单位代码已存在', en: '{field}: this unit code is already used' },
  'unit.badParent': {
    status: 400,
    zh: '{field}:上级单位不能容纳该类型的单位',
    en: '{field}: the parent unit cannot hold a unit of this kind',
  },
  'unit.cycle': { status: 400, zh: '{field}:不能移动到自身或下级单位之下', en: '{field}: a unit cannot move under itself' },
  'unit.notEmpty': {
    status: 409,
    zh: '单位下仍有下级单位、用户或业务数据,不能删除',
    en: 'The unit still has sub-units, users or records and cannot be deleted',
  },
  'unit.rootFixed': { status: 400, zh: '{field}:市级根单位不能移动', en: '{field}: the city root cannot be moved' },
  'user.usernameTaken': { status: 409, zh: '{field}:用户名已存在', en: '{field}: this username is already used' },
  'user.selfLockout': {
    status: 400,
    zh: '不能停用自己或取消自己的管理员角色',
    en: 'You cannot disable yourself or remove your own bureau role',
  },
  'project.investorOutOfScope': {
    status: 400,
    zh: '{field}:投资企业不存在或不在本单位范围内',
    en: '{field}: the investor enterprise does not exist or is outside your units',
  },
  'project.unitOutOfScope': {
    status: 400,
    zh: '{field}:单位不存在或不在本单位范围内',
    en: '{field}: the unit does not exist or is outside your units',
  },
  'project.officerOutOfScope': {
    status: 400,
    zh: '{field}:责任人须为本单位范围内的在用账号',
    en: '{field}: the responsible officer must be an active user of your units',
  },
  'industry.unknown': { status: 400, zh: '{field}:不是有效的国民经济行业代码', en: '{field}: is not a known GB/T 4754 industry code' },
  'localIndustry.nameTaken': {
    status: 409,
    zh: '{field}:“{word}”已是本市产业“{taken}”的名称或别称,一个词只能对应一个产业',
    en: '{field}: "{word}" is already a name or synonym of the local industry "{taken}"; a word stands for one industry only',
  },
  'funds.currency': {
    status: 400,
    zh: '{field}:外资按美元填写,其他来源按人民币填写',
    en: '{field}: foreign capital is entered in US dollars, other sources in yuan',
  },
  'funds.alreadyVoided': { status: 409, zh: '该到位资金记录已作废', en: 'This funds entry is already voided' },
  'department.nameTaken': { status: 409, zh: '{field}:该单位已有同名部门', en: '{field}: this unit already has a department of that name' },
  'problem.resolved': { status: 409, zh: '问题已办结', en: 'The problem is already resolved' },
  'problem.instructionByLeader': {
    status: 403,
    zh: '领导批示须由领导或招商局填写',
    en: 'Instructions are written by leaders or the bureau',
  },
  'evidence.file.empty': { status: 400, zh: '{field}:文件为空', en: '{field}: the file is empty' },
  'evidence.file.tooLarge': { status: 413, zh: '{field}:文件超过10MB', en: '{field}: the file is larger than 10 MB' },
  'evidence.file.type': {
    status: 415,
    zh: '{field}:只接受JPEG、PNG、WebP图片或PDF文件',
    en: '{field}: only JPEG, PNG or WebP photos and PDF files are accepted',
  },
  'savedFilter.nameTaken': { status: 409, zh: '{field}:已有同名的筛选', en: '{field}: you already have a filter of that name' },
  'transition.terminated': { status: 409, zh: '项目已终止,不能再变更阶段', en: 'The project is terminated; its stage cannot change' },
  'transition.notForward': {
    status: 400,
    zh: '{field}:只能向后推进阶段(如需更正请使用"更正")',
    en: '{field}: a project only moves forward (use a correction to fix a mistake)',
  },
  'transition.alreadyStalled': { status: 409, zh: '{field}:项目已处于停滞状态', en: '{field}: the project is already stalled' },
  'transition.toLead': { status: 400, zh: '{field}:不能退回在谈阶段', en: '{field}: a project cannot go back to negotiating' },
  'date.invalid': { status: 400, zh: '{field}:不是有效日期', en: '{field}: is not a valid date' },
  'date.future': { status: 400, zh: '{field}:不能晚于今天', en: '{field}: cannot be in the future' },
  'date.beforeStart': { status: 400, zh: '{field}:不能早于开始日期', en: '{field}: cannot be before the start' },
  'date.beforePrevious': { status: 400, zh: '{field}:不能早于上一阶段的日期', en: '{field}: cannot be before the previous stage' },
  'date.afterNext': { status: 400, zh: '{field}:不能晚于下一阶段的日期', en: '{field}: cannot be after the next stage' },
  'evidence.contractNo': { status: 400, zh: '{field}:签约须填写合同编号', en: '{field}: signing needs the contract number' },
  'evidence.registeredCreditCode': {
    status: 400,
    zh: '{field}:注册须填写注册企业的有效统一社会信用代码',
    en: '{field}: registration needs the valid credit code of the registered enterprise',
  },
  'evidence.permitOrPhoto': {
    status: 400,
    zh: '{field}:开工须填写施工许可证号或上传现场照片',
    en: '{field}: a start needs the construction permit number or a site photo',
  },
  'evidence.noteOrFile': { status: 400, zh: '{field}:投产须填写说明或上传佐证材料', en: '{field}: production needs a note or an evidence file' },
  'evidence.statsCode': { status: 400, zh: '{field}:入库须填写统计入库项目代码', en: '{field}: statistics entry needs the statistics project code' },
  'reason.required': { status: 400, zh: '{field}:须填写原因', en: '{field}: a reason is required' },
  'correction.unknownEvent': { status: 404, zh: '{field}:要更正的阶段记录不存在', en: '{field}: the stage record to correct does not exist' },
  'correction.notLatest': {
    status: 409,
    zh: '{field}:只能撤销最近一次阶段记录',
    en: '{field}: only the latest stage record can be revoked',
  },
  'deadlineRule.stagesOutOfOrder': { status: 400, zh: '{field}:目标阶段须在起始阶段之后', en: '{field}: the target stage must come after the starting stage' },
  'deadlineRule.amountNotPositive': { status: 400, zh: '{field}:期限须为正整数', en: '{field}: the period must be a positive whole number' },
  'deadlineRule.warnNotBeforeDue': { status: 400, zh: '{field}:提前预警天数不能为负', en: '{field}: warning days cannot be negative' },
  'deadlineRule.keyTaken': { status: 409, zh: '{field}:规则标识已存在', en: '{field}: this rule key is already used' },
  'project.codeTaken': { status: 409, zh: '{field}:该项目编号已被使用', en: '{field}: this project code is already used' },
  'ledger.empty': { status: 400, zh: '文件是空的', en: 'The file is empty' },
  'ledger.tooLarge': { status: 413, zh: '文件超过20MB,请按年度或单位拆分后导入', en: 'The file is over 20 MB; split it by year or unit and import the parts' },
  'ledger.notASpreadsheet': { status: 400, zh: '不是可读取的表格文件(支持 .xlsx 和 .csv)', en: 'Not a spreadsheet this system can read (.xlsx and .csv are supported)' },
  'ledger.xls': {
    status: 400,
    zh: '不支持旧版 .xls 文件:请在 Excel 或 WPS 中另存为 .xlsx 后再导入',
    en: 'Old .xls files are not supported: save the file as .xlsx in Excel or WPS and import that',
  },
  'ledger.zipBomb': { status: 400, zh: '文件解压后过大,已拒绝', en: 'The file unpacks to far too much data; refused' },
  'ledger.hugeCell': { status: 400, zh: '工作表“{sheet}”第{row}行第{column}列内容过长(超过5000字)', en: 'Sheet "{sheet}", row {row}, column {column}: the cell is over 5,000 characters' },
  'ledger.tooManyRows': { status: 400, zh: '工作表“{sheet}”超过20万行', en: 'Sheet "{sheet}" has more than 200,000 rows' },
  'ledger.unknownSheet': { status: 400, zh: '{field}:文件中没有名为“{sheet}”的工作表', en: '{field}: the file has no sheet named "{sheet}"' },
  'month.closed': {
    status: 409,
    zh: '{month}已关账:修改已关账期间的数据属于更正,请填写更正原因',
    en: '{month} is closed: changing figures of a closed period is a correction; give the reason',
  },
  'metric.noRecords': { status: 400, zh: '{field}:该指标的明细见行程、拜访、活动或线索列表', en: '{field}: this figure\'s records are the trips, visits, events or leads lists' },
  'assessment.twoDecimals': { status: 400, zh: '{field}:分值最多两位小数', en: '{field}: points take at most two decimals' },
  'assessment.withdrawn': { status: 409, zh: '该加减分已撤回', en: 'This adjustment has already been withdrawn' },
  'assessment.period': { status: 400, zh: '请选择一个月份或一个季度', en: 'Choose a month or a quarter' },
  'event.projectLinked': { status: 409, zh: '{field}:该项目已登记为在另一活动上签约', en: '{field}: the project is already recorded as signed at another event' },
  'visit.outsideTrip': { status: 400, zh: '{field}:拜访日期不在行程日期内', en: '{field}: the visit is not within the trip\'s days' },
  'lead.notAllowed': { status: 409, zh: '线索当前状态下不能进行此操作', en: 'The lead cannot move that way from its current state' },
  'lead.reasonRequired': { status: 400, zh: '{field}:放弃线索须说明原因', en: '{field}: dropping a lead needs a reason' },
  'lead.projectRequired': { status: 400, zh: '{field}:转化须生成项目', en: '{field}: converting a lead needs its project' },
  'month.notEnded': { status: 400, zh: '{month}尚未结束,不能关账', en: '{month} has not ended yet; it cannot be closed' },
  'month.alreadyClosed': { status: 409, zh: '{month}已经关账', en: '{month} is already closed' },
  'targets.badFile': { status: 400, zh: '目标任务表有误,未写入任何目标:{detail}', en: 'The target sheet has errors; no target was written: {detail}' },
  'bulletin.noChineseFont': {
    status: 503,
    zh: '服务器上没有中文字体,无法生成PDF:请安装 fonts-noto-cjk,或用 ZHAOSHANG_PDF_FONT 指定字体文件;也可使用打印页面',
    en: 'The server has no Chinese font to write the PDF: install fonts-noto-cjk or point ZHAOSHANG_PDF_FONT at a font file; the printable page works meanwhile',
  },
  'import.hasRefusals': {
    status: 409,
    zh: '有{count}行被拒绝:请下载错误文件,改正后重新上传;导入要么全部成功,要么不写入任何数据',
    en: '{count} rows are refused: download the error file, correct it and upload it again; an import writes all rows or none',
  },
  'import.notPreviewed': { status: 409, zh: '该批次已导入或已撤销', en: 'This batch has already been imported or reverted' },
  'import.notCommitted': { status: 409, zh: '该批次尚未导入或已撤销', en: 'This batch is not imported, or already reverted' },
  'import.changedSince': {
    status: 409,
    zh: '导入后以下行的项目已被修改,不能整批撤销:{rows}',
    en: 'Projects of these rows changed after the import, so the batch cannot be reverted: {rows}',
  },
  'import.projectsGone': {
    status: 409,
    zh: '该批次导入的以下行的项目已不在系统中(导入后被删除),不能整批撤销:{rows}。这些项目无需再撤销;批次中其余项目如需去掉,请在项目页逐个更正',
    en: 'The projects of these rows of the batch are no longer in the system (deleted after the import), so the batch cannot be reverted as a whole: {rows}. They need no reverting; correct any other project of the batch on its page',
  },
  'import.laterRecords': {
    status: 409,
    zh: '导入后已为以下行的项目登记了{records},不能整批撤销:{rows}',
    en: 'People recorded {recordsEn} for the projects of these rows after the import, so the batch cannot be reverted: {rows}',
  },
  'internal': { status: 500, zh: '服务器内部错误,请稍后重试', en: 'Internal server error; please try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Labels of fields and entities as users read them, used to name the field in an error. */
export const LABELS: Record<string, { zh: string; en: string }> = {
  name: { zh: '名称', en: 'Name' },
  code: { zh: '代码', en: 'Code' },
  kind: { zh: '类型', en: 'Kind' },
  parentId: { zh: '上级单位', en: 'Parent unit' },
  username: { zh: '用户名', en: 'Username' },
  displayName: { zh: '姓名', en: 'Display name' },
  password: { zh: '密码', en: 'Password' },
  newPassword: { zh: '新密码', en: 'New password' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  role: { zh: '角色', en: 'Role' },
  unitId: { zh: '所属单位', en: 'Unit' },
  locale: { zh: '界面语言', en: 'Language' },
  disabled: { zh: '停用', en: 'Disabled' },
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  hqRegionCode: { zh: '总部所在地', en: 'HQ region' },
  investorEnterpriseId: { zh: '投资企业', en: 'Investor enterprise' },
  totalInvestmentYuan: { zh: '总投资', en: 'Total investment' },
  stage: { zh: '项目阶段', en: 'Stage' },
  reportedUnitId: { zh: '首报单位', en: 'First-reporting unit' },
  projectType: { zh: '项目类型', en: 'Project type' },
  industryCode: { zh: '所属行业', en: 'Industry' },
  localIndustry: { zh: '本市产业', en: 'Local industry' },
  synonyms: { zh: '别称', en: 'Other spellings' },
  contractInvestmentYuan: { zh: '合同投资额', en: 'Contracted investment' },
  fundSource: { zh: '资金来源', en: 'Source of funds' },
  foreignInvestmentUsd: { zh: '外资金额', en: 'Foreign investment' },
  isMajor: { zh: '重大项目', en: 'Major project' },
  threeBatch: { zh: '"三个一批"批次', en: '"Three batches" batch' },
  responsibleLeader: { zh: '包联领导', en: 'Responsible leader' },
  responsibleOfficerId: { zh: '责任人', en: 'Responsible officer' },
  codeName: { zh: '项目代号', en: 'Code name' },
  arrivedOn: { zh: '到位日期', en: 'Date arrived' },
  amountYuan: { zh: '到位金额(元)', en: 'Amount (yuan)' },
  amountUsd: { zh: '到位金额(美元)', en: 'Amount (US dollars)' },
  evidenceRef: { zh: '佐证编号', en: 'Evidence reference' },
  fundEntry: { zh: '到位资金记录', en: 'Funds entry' },
  notification: { zh: '提醒', en: 'Reminder' },
  assessmentAdjustment: { zh: '考核加减分', en: 'Assessment adjustment' },
  assessmentScheme: { zh: '考核方案', en: 'Assessment scheme' },
  event: { zh: '招商活动', en: 'Event' },
  importBatch: { zh: '导入批次', en: 'Import batch' },
  lead: { zh: '线索', en: 'Lead' },
  trip: { zh: '外出招商', en: 'Trip' },
  problem: { zh: '问题', en: 'Problem' },
  department: { zh: '部门', en: 'Department' },
  departmentId: { zh: '责任部门', en: 'Department' },
  dueOn: { zh: '办结时限', en: 'Due date' },
  category: { zh: '问题类别', en: 'Category' },
  description: { zh: '问题描述', en: 'Description' },
  resolution: { zh: '办结说明', en: 'Resolution' },
  text: { zh: '内容', en: 'Text' },
  file: { zh: '佐证文件', en: 'Evidence file' },
  savedFilter: { zh: '已存筛选', en: 'Saved filter' },
  fileIds: { zh: '佐证文件', en: 'Evidence files' },
  evidenceFile: { zh: '佐证文件', en: 'Evidence file' },
  url: { zh: '机器人地址', en: 'Robot URL' },
  unit: { zh: '单位', en: 'Unit' },
  to: { zh: '目标阶段', en: 'Target stage' },
  date: { zh: '日期', en: 'Date' },
  happenedOn: { zh: '发生日期', en: 'Date it happened' },
  reason: { zh: '原因', en: 'Reason' },
  evidence: { zh: '佐证', en: 'Evidence' },
  'evidence.contractNo': { zh: '合同编号', en: 'Contract number' },
  'evidence.registeredCreditCode': { zh: '注册企业信用代码', en: 'Registered enterprise credit code' },
  'evidence.permitNo': { zh: '施工许可证号', en: 'Construction permit number' },
  'evidence.statsCode': { zh: '统计入库项目代码', en: 'Statistics project code' },
  'evidence.note': { zh: '说明', en: 'Note' },
  correctsEventId: { zh: '阶段记录', en: 'Stage record' },
  fromStage: { zh: '起始阶段', en: 'From stage' },
  toStage: { zh: '目标阶段', en: 'To stage' },
  amount: { zh: '期限', en: 'Period' },
  warnBeforeDays: { zh: '提前预警天数', en: 'Warning days' },
  deadlineRule: { zh: '期限规则', en: 'Deadline rule' },
  stageEvent: { zh: '阶段记录', en: 'Stage record' },
  user: { zh: '用户', en: 'User' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  project: { zh: '项目', en: 'Project' },
};

export type ApiErrorBody = {
  error: {
    code: string;
    field?: string;
    message: { 'zh-CN': string; en: string };
  };
};

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? '');
}

/** Builds the body of an error response; params fill the message, field names the offending input. */
export function errorBody(code: ErrorCode, options: { field?: string; params?: Record<string, string> } = {}): ApiErrorBody {
  const entry = ERRORS[code];
  const { field, params = {} } = options;
  const label = field ? (LABELS[field] ?? LABELS[field.split('.')[0]!] ?? { zh: field, en: field }) : undefined;
  const entity = params.entity ? LABELS[params.entity] : undefined;
  const zhParams = { ...params, field: label?.zh ?? '', entity: entity?.zh ?? params.entity ?? '', detail: params.detailZh ?? params.detail ?? '' };
  const enParams = { ...params, field: label?.en ?? '', entity: entity?.en ?? params.entity ?? '', detail: params.detailEn ?? params.detail ?? '' };
  return {
    error: {
      code,
      ...(field ? { field } : {}),
      message: { 'zh-CN': fill(entry.zh, zhParams), en: fill(entry.en, enParams) },
    },
  };
}
