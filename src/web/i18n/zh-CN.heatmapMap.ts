/**
 * The Chinese words of the heat map's maps (招商热力图的地图, issue 15). Spread into zh-CN.ts; en.heatmapMap.ts must have
 * the same keys.
 */
export const zhCNHeatmapMap = {
  'heatmapMap.china': '中国地图',
  'heatmapMap.world': '世界地图',
  'heatmapMap.high': '高',
  'heatmapMap.low': '低',
  'heatmapMap.aria': '{measure}按来源地分布图：{region}',
  'heatmapMap.hintChina': '点击省份查看其城市',
  'heatmapMap.hintProvince': '点击城市查看构成该数值的记录',
  'heatmapMap.hintWorld': '点击中国查看各省；点击其他国家查看记录',
  'heatmapMap.noMap': '这一层级没有地图，请看下方的表格',
  'heatmapMap.loadFailed': '地图数据加载失败，请看下方的表格',
  'heatmapMap.share': '占比',
  'heatmapMap.change': '同比',
  'heatmapMap.lastYear': '上年同期',
  'heatmapMap.none': '无记录',
  'heatmapMap.cityTitle': '{city}挂图作战：各县（市、区）的项目',
  'heatmapMap.cityHint': '没有地图边界的开发区和市本级列在这里；点击数字或地图上的县（市、区）查看记录',
  'heatmapMap.zone': '开发区 / 市本级',
  'heatmapMap.nanhai': '南海诸岛',
};
