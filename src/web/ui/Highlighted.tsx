import { Fragment } from 'react';
import { theme } from 'antd';

export type HighlightedProps = {
  text: string;
  /** [start, end) ranges of `text` to mark, in order and not overlapping (UTF-16 indexes, as the server sends them). */
  ranges: ReadonlyArray<readonly [number, number]>;
};

/** Text with the parts a search matched marked. */
export function Highlighted({ text, ranges }: HighlightedProps) {
  const { token } = theme.useToken();
  const parts: Array<{ text: string; marked: boolean }> = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <>
      {parts.map((part, i) =>
        part.marked ? (
          <mark key={i} style={{ background: token.colorWarningBgHover, color: 'inherit', padding: 0 }}>
            {part.text}
          </mark>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
