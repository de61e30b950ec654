import type { SourceDimension } from '../api-types';
import { Chips } from './chips';

/** A source report's row name: its channel, or the channel and its source when grouped by source. */
export const sourceRowLabel = (c: { channel: string; detail?: string }) => (c.detail === undefined ? c.channel : `${c.channel} · ${c.detail}`);

/** What a source report groups by: the channel, or each channel split by its source (docs/channels.md). */
export function SourceGroupBy({ value, onChange, testId }: { value: SourceDimension; onChange: (v: SourceDimension) => void; testId: string }) {
  return (
    <Chips
      label="Group by"
      value={value}
      onChange={onChange}
      options={[
        { value: 'channel', label: 'Channel' },
        { value: 'source_detail', label: 'Channel and source' },
      ]}
      testId={testId}
    />
  );
}
