import type { UnitStatus } from '../inventory.api';

/** Colours sales offices expect on a 销控表: green free, amber held, red sold family, grey off-sale, purple reserved. */
export const statusColors: Record<UnitStatus, { background: string; border: string; text: string }> = {
  for_sale: { background: '#f6ffed', border: '#95de64', text: '#135200' },
  held: { background: '#fff7e6', border: '#ffa940', text: '#873800' },
  reserved: { background: '#f9f0ff', border: '#b37feb', text: '#391085' },
  deposited: { background: '#fff1f0', border: '#ff7875', text: '#820014' },
  subscribed: { background: '#ffccc7', border: '#ff4d4f', text: '#820014' },
  contracted: { background: '#ffa39e', border: '#f5222d', text: '#5c0011' },
  sold: { background: '#ff7875', border: '#cf1322', text: '#ffffff' },
  not_for_sale: { background: '#f5f5f5', border: '#d9d9d9', text: '#8c8c8c' },
};
