import type { CSSProperties } from 'react';
import { Input } from 'antd';

export type SearchBoxProps = {
  /** The search the list is showing (from the URL); the box resets when it changes. */
  value: string | undefined;
  placeholder: string;
  onSearch: (value: string) => void;
  style?: CSSProperties;
};

/** A list page's search box: labelled by its placeholder, searches on Enter or the button, trims what is typed. */
export function SearchBox({ value, placeholder, onSearch, style }: SearchBoxProps) {
  return (
    <Input.Search
      key={value ?? ''}
      defaultValue={value}
      allowClear
      enterButton
      placeholder={placeholder}
      aria-label={placeholder}
      onSearch={(text) => onSearch(text.trim())}
      style={style}
    />
  );
}
