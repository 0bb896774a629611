/**
 * The Chinese words of the cockpit's 统计口径 (issue 17): count stage changes as reported, as confirmed, or both side
 * by side. Spread into zh-CN.ts; en.counting.ts must have the same keys.
 */
export const zhCNCounting = {
  'counting.label': '统计口径',
  'counting.reported': '按报送',
  'counting.confirmed': '按核实',
  'counting.compare': '对照',
  'counting.hint': '市局已开启核实：按报送计入全部报送的阶段变更，按核实只计入已核实的；对照同时显示两者，差额即待核实。',
  'counting.reportedShort': '报送',
  'counting.confirmedShort': '已核实',
} satisfies Record<string, string>;
