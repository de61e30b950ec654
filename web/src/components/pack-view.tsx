import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Chart, type ChartOption } from '../chart';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../format';
import type { Cell, ChartBlock, Figure, ListBlock, PackBlock, PackDocument, PackSection, TableBlock, Tone, ValueFormat } from '../pack-types';
import { DataTable, numCol, type Column } from './data-table';
import { StatCard } from './stat-card';

/** One decimal at most: "2.5 h" reads, "2.4833 h" does not. */
const oneDecimal = (v: number) => formatNumber(Math.round(v * 10) / 10);

/** A pack's value in its format: money in the workspace currency, percentages from 0..1 fractions, spans with their unit. */
export function formatPackValue(v: number | null | undefined, format: ValueFormat): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (format) {
    case 'money':
      // Cents only where they matter, as in the emailed pack: a cost per lead of 42.50 € is not 43 €.
      return formatMoney(v, 'EUR', Math.abs(v) < 100);
    case 'percent':
      return formatPercent(v);
    case 'hours':
      return `${oneDecimal(v)} h`;
    case 'days':
      return `${oneDecimal(v)} ${Math.round(v * 10) === 10 ? 'day' : 'days'}`;
    case 'minutes':
      return `${formatNumber(Math.round(v))} min`;
    default:
      return formatNumber(v);
  }
}

function formatCell(v: Cell, format: ValueFormat | 'text' | 'date'): string {
  if (v === null || v === '') return '—';
  if (format === 'text') return String(v);
  if (format === 'date') return formatDate(String(v));
  return typeof v === 'number' ? formatPackValue(v, format) : v;
}

const toneClass = (tone: Tone | undefined) => (tone && tone !== 'neutral' ? `tone-${tone}` : undefined);

/**
 * A meeting pack or daily dashboard as a page: the agenda with its timeboxes, then each agenda item's
 * figures, tables, charts, lists and text. The same document the server renders as email, PDF and
 * printable page, so what the meeting sees here is what attendees were sent.
 */
export function PackView({ doc, testId = 'pack', showTitle = true }: { doc: PackDocument; testId?: string; showTitle?: boolean }) {
  return (
    <article className="pack" data-testid={testId} data-kind={doc.kind} data-period={doc.period}>
      <header className="pack-head">
        {/* A meeting's page already names the meeting above its pack. */}
        {showTitle && (
          <h2 className="pack-title" data-testid="pack-title">
            {doc.title}
          </h2>
        )}
        <div className="pack-subtitle">{doc.subtitle}</div>
        <div className="muted small">Figures as of {formatDateTime(doc.generated_at)}</div>
      </header>
      {doc.agenda && <Agenda doc={doc} agenda={doc.agenda} />}
      {doc.sections.map((s) => (
        <SectionView key={s.key} section={s} />
      ))}
    </article>
  );
}

function Agenda({ doc, agenda }: { doc: PackDocument; agenda: NonNullable<PackDocument['agenda']> }) {
  const timed = doc.sections.filter((s) => s.minutes !== null);
  return (
    <section className="card card-flush pack-agenda" data-testid="pack-agenda">
      <h2 className="card-title card-title-pad">Agenda</h2>
      {agenda.over_by_minutes > 0 && (
        <div className="alert alert-warning" role="alert" data-testid="agenda-overrun">
          The agenda runs {formatNumber(agenda.over_by_minutes)} min over the {formatNumber(agenda.duration_minutes)}-minute meeting: shorten an item, move
          it to the next meeting or make the meeting longer in its settings.
        </div>
      )}
      <DataTable
        testId="agenda-table"
        columns={['Item', 'Presenter', numCol('Time')]}
        empty="No agenda items."
        rows={timed.map((s) => (
          <tr key={s.key} data-testid="agenda-row">
            <td className="cell-main">
              <a href={`#pack-${s.key}`}>{s.title}</a>
            </td>
            <td data-col="presenter">{s.presenter ?? <span className="muted">Not set</span>}</td>
            <td className="num nowrap" data-col="minutes">
              {formatNumber(s.minutes)} min
            </td>
          </tr>
        ))}
        foot={
          <tr>
            <td className="cell-main" colSpan={2}>
              Total
            </td>
            <td className={agenda.over_by_minutes > 0 ? 'num nowrap tone-text-bad' : 'num nowrap'} data-testid="agenda-total">
              {formatNumber(agenda.total_minutes)} of {formatNumber(agenda.duration_minutes)} min
            </td>
          </tr>
        }
      />
    </section>
  );
}

function SectionView({ section }: { section: PackSection }) {
  return (
    <section className="card pack-section" id={`pack-${section.key}`} data-testid="pack-section" data-key={section.key}>
      <div className="card-head">
        <h2 className="card-title" data-testid="pack-section-title">
          {section.title}
        </h2>
        {(section.minutes !== null || section.presenter) && (
          <div className="header-meta muted small">
            {section.minutes !== null && <span>{formatNumber(section.minutes)} min</span>}
            {section.presenter && <span data-testid="pack-section-presenter">{section.presenter}</span>}
          </div>
        )}
      </div>
      {section.blocks.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
    </section>
  );
}

function BlockView({ block }: { block: PackBlock }) {
  switch (block.type) {
    case 'figures':
      return (
        <div className="stat-row pack-figures" data-testid="pack-figures">
          {block.items.map((f, i) => (
            <FigureCard key={i} figure={f} />
          ))}
        </div>
      );
    case 'table':
      return <TableView block={block} />;
    case 'chart':
      return <ChartView block={block} />;
    case 'list':
      return <ListView block={block} />;
    case 'text':
      return (
        <p className="pack-text" data-testid="pack-text">
          {block.text}
        </p>
      );
  }
}

function FigureCard({ figure }: { figure: Figure }) {
  const tone = toneClass(figure.tone);
  const target = figure.target !== null && figure.target !== undefined ? `Target ${formatPackValue(figure.target, figure.format)}` : null;
  return (
    <StatCard
      className={tone ? `pack-figure ${tone}` : 'pack-figure'}
      testId="pack-figure"
      label={figure.href ? <Link to={figure.href}>{figure.label}</Link> : figure.label}
      value={formatPackValue(figure.value, figure.format)}
      dataValue={figure.value ?? ''}
      valueClassName={tone ? `tone-text-${figure.tone}` : undefined}
    >
      {target && <div className="cell-sub">{target}</div>}
      {figure.detail && <div className="cell-sub">{figure.detail}</div>}
    </StatCard>
  );
}

const numericFormats = new Set(['number', 'money', 'percent', 'hours', 'days', 'minutes']);

function TableView({ block }: { block: TableBlock }) {
  const columns: Column[] = block.columns.map((c) => (numericFormats.has(c.format) ? numCol(c.label) : c.label));
  return (
    <div className="pack-block" data-testid="pack-table">
      {block.title && <h3 className="subhead">{block.title}</h3>}
      <DataTable
        columns={columns}
        empty={block.empty ?? 'Nothing to show.'}
        rows={block.rows.map((r, i) => (
          <tr key={i} className={toneClass(r.tone) ? `row-${toneClass(r.tone)}` : undefined} data-testid="pack-table-row">
            {r.cells.map((cell, j) => {
              const col = block.columns[j];
              const format = col?.format ?? 'text';
              const text = formatCell(cell, format);
              return (
                <td key={j} className={numericFormats.has(format) ? 'num' : j === 0 ? 'cell-main' : undefined}>
                  {j === 0 && r.href ? <Link to={r.href}>{text}</Link> : text}
                </td>
              );
            })}
          </tr>
        ))}
      />
    </div>
  );
}

// The app's accent first; dashed series are targets and paces, drawn in grey as on the report pages.
const palette = ['#4f46e5', '#12b76a', '#f79009', '#ee46bc', '#2e90fa', '#7a5af8'];
const paceColor = '#98a2b3';

function ChartView({ block }: { block: ChartBlock }) {
  const option = useMemo<ChartOption>(() => {
    const fmt = (v: unknown) => (typeof v === 'number' ? formatPackValue(v, block.format) : '—');
    let colour = 0;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(v) },
      legend: { top: 0, data: block.series.map((s) => s.name) },
      grid: { left: 8, right: 8, top: 40, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: block.categories, axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) } },
      series: block.series.map((s) => {
        const style = s.style ?? (block.kind === 'bar' ? 'bar' : 'line');
        if (style === 'bar') return { name: s.name, type: 'bar' as const, barMaxWidth: 24, itemStyle: { color: palette[colour++ % palette.length] }, data: s.values };
        const dashed = style === 'dashed';
        const color = dashed ? paceColor : palette[colour++ % palette.length];
        return {
          name: s.name,
          type: 'line' as const,
          showSymbol: block.categories.length <= 12,
          connectNulls: false,
          lineStyle: { width: dashed ? 2 : 3, type: dashed ? ('dashed' as const) : ('solid' as const) },
          itemStyle: { color },
          data: s.values,
        };
      }),
    };
  }, [block]);
  return (
    <div className="pack-block pack-chart" data-testid="pack-chart">
      <div className="pack-block-head">
        <h3 className="subhead">{block.title}</h3>
        {block.href && (
          <Link to={block.href} className="small no-print">
            Open the report
          </Link>
        )}
      </div>
      <Chart option={option} height={260} ariaLabel={block.title} />
    </div>
  );
}

function ListView({ block }: { block: ListBlock }) {
  if (block.items.length === 0) {
    return (
      <p className="muted pack-block" data-testid="pack-list-empty">
        {block.empty ?? 'Nothing to show.'}
      </p>
    );
  }
  return (
    <ul className="pack-list pack-block" data-testid="pack-list">
      {block.items.map((item, i) => (
        <li key={i} className={toneClass(item.tone)} data-testid="pack-list-item">
          <span className="pack-dot" aria-hidden="true" />
          <div>
            <div>{item.href ? <Link to={item.href}>{item.text}</Link> : item.text}</div>
            {item.detail && <div className="cell-sub">{item.detail}</div>}
          </div>
        </li>
      ))}
    </ul>
  );
}
