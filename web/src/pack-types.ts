// The meeting packs and daily dashboards as the server builds them (src/domains/rituals/pack-document.ts),
// read from the generated API types: one definition of the shape, the server's.
import type { ApiItem, ApiResponse } from './api-shapes';

export type PackDocument = ApiResponse<'/api/meetings/{id}/pack', 'get'>;
export type PackKind = PackDocument['kind'];
export type PackSection = ApiItem<PackDocument['sections']>;
export type PackBlock = ApiItem<PackSection['blocks']>;

export type ChartBlock = Extract<PackBlock, { type: 'chart' }>;
export type TableBlock = Extract<PackBlock, { type: 'table' }>;
export type ListBlock = Extract<PackBlock, { type: 'list' }>;
export type Figure = ApiItem<Extract<PackBlock, { type: 'figures' }>['items']>;
export type ValueFormat = Figure['format'];
export type Tone = NonNullable<Figure['tone']>;
export type Cell = ApiItem<ApiItem<TableBlock['rows']>['cells']>;
