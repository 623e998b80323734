/**
 * Plain-SVG charts: no chart library to ship to phones. Sizes are in viewBox units chosen close to a
 * phone's width, so text stays legible at 375 px and simply grows on wider screens.
 */
import { chineseDate, niceTicks, type Heatmap as HeatmapData, type HeatLevel } from "~/study/progress";

export const HEAT_COLORS: Record<HeatLevel, string> = {
  0: "#ecebe8",
  1: "#f5c4bf",
  2: "#e58a80",
  3: "#c9493f",
  4: "#7c2620",
};

const CELL = 11;
const STEP = 14;
const MONTH_ROW = 16;
const WEEKDAY_LABELS = ["一", "", "三", "", "五", "", ""] as const;

/**
 * The year grid. It keeps its cell size and scrolls sideways on a phone; the scroller is
 * right-to-left so that, even before any script runs, it opens on the most recent weeks.
 */
export function Heatmap({ data }: { data: HeatmapData }) {
  const width = data.weeks.length * STEP - (STEP - CELL);
  const height = MONTH_ROW + 7 * STEP - (STEP - CELL);
  return (
    <div className="flex gap-1">
      <svg width={18} height={height} viewBox={`0 0 18 ${height}`} aria-hidden="true" className="shrink-0">
        {WEEKDAY_LABELS.map((label, row) =>
          label ? (
            <text key={row} x={0} y={MONTH_ROW + row * STEP + CELL - 1.5} fontSize={10} fill="#78716c">
              {label}
            </text>
          ) : null,
        )}
      </svg>
      <div dir="rtl" className="min-w-0 flex-1 overflow-x-auto pb-1">
        {/* The auto right margin keeps the grid next to its weekday labels when the card is wider. */}
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={`${chineseDate(data.start)}至${chineseDate(data.end)}共复习 ${data.total} 次`}
          className="block"
          style={{ direction: "ltr", marginRight: "auto" }}
        >
          {data.months.map((month) => (
            <text key={month.column} x={month.column * STEP} y={10} fontSize={10} fill="#78716c">
              {month.label}
            </text>
          ))}
          {data.weeks.map((week, column) =>
            week.map((cell, row) =>
              cell ? (
                <rect
                  key={cell.day}
                  x={column * STEP}
                  y={MONTH_ROW + row * STEP}
                  width={CELL}
                  height={CELL}
                  rx={2}
                  fill={HEAT_COLORS[cell.level]}
                  data-day={cell.day}
                  data-count={cell.count}
                >
                  <title>{`${chineseDate(cell.day)}：${cell.count} 次复习`}</title>
                </rect>
              ) : null,
            ),
          )}
        </svg>
      </div>
    </div>
  );
}

export function HeatmapLegend() {
  return (
    <div className="flex items-center justify-end gap-1 text-xs text-stone-500" aria-hidden="true">
      <span className="mr-1">少</span>
      {([0, 1, 2, 3, 4] as const).map((level) => (
        <span
          key={level}
          className="inline-block size-[11px] rounded-sm"
          style={{ backgroundColor: HEAT_COLORS[level] }}
        />
      ))}
      <span className="ml-1">多</span>
    </div>
  );
}

export interface BarDatum {
  /** Stacked from the bottom, in the order of the chart's series. */
  values: number[];
  /** Tooltip. */
  title: string;
  /** Shown under the bar when set. */
  tick?: string;
  highlight?: boolean;
}

export interface BarSeries {
  name: string;
  color: string;
  highlightColor?: string;
}

const VIEW_WIDTH = 360;
const VIEW_HEIGHT = 170;
const PLOT = { left: 26, right: 6, top: 8, bottom: 22 } as const;

/** Vertical bars, stacked when there are several series, with a light grid and a few date ticks. */
export function BarChart({
  data,
  series,
  label,
}: {
  data: readonly BarDatum[];
  series: readonly BarSeries[];
  label: string;
}) {
  const max = Math.max(0, ...data.map((d) => d.values.reduce((sum, v) => sum + v, 0)));
  const ticks = niceTicks(max);
  const top = ticks.at(-1)!;
  const plotWidth = VIEW_WIDTH - PLOT.left - PLOT.right;
  const plotHeight = VIEW_HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / Math.max(1, data.length);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => PLOT.top + plotHeight - (value / top) * plotHeight;
  return (
    <svg viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`} role="img" aria-label={label} className="block h-auto w-full">
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={PLOT.left}
            x2={VIEW_WIDTH - PLOT.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke={tick === 0 ? "#a8a29e" : "#e7e5e4"}
            strokeWidth={1}
          />
          <text x={PLOT.left - 4} y={y(tick) + 3.5} fontSize={10} textAnchor="end" fill="#78716c">
            {tick}
          </text>
        </g>
      ))}
      {data.map((datum, index) => {
        const x = PLOT.left + index * slot + (slot - barWidth) / 2;
        let base = 0;
        return (
          <g key={index}>
            <title>{datum.title}</title>
            {/* A full-height transparent target, so thin or empty days still show their tooltip. */}
            <rect x={PLOT.left + index * slot} y={PLOT.top} width={slot} height={plotHeight} fill="transparent" />
            {datum.values.map((value, s) => {
              if (value <= 0) return null;
              const from = base;
              base += value;
              const part = series[s];
              const color = datum.highlight && part?.highlightColor ? part.highlightColor : (part?.color ?? "#78716c");
              return <rect key={s} x={x} y={y(base)} width={barWidth} height={y(from) - y(base)} fill={color} />;
            })}
            {datum.tick ? (
              <text x={x + barWidth / 2} y={VIEW_HEIGHT - 6} fontSize={10} textAnchor="middle" fill="#78716c">
                {datum.tick}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

export function SeriesLegend({ series }: { series: readonly BarSeries[] }) {
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
      {series.map((s) => (
        <span key={s.name} className="inline-flex items-center gap-1.5">
          <span className="inline-block size-3 rounded-sm" style={{ backgroundColor: s.color }} aria-hidden="true" />
          {s.name}
        </span>
      ))}
    </div>
  );
}

/** A horizontal share bar with its numbers; "—" for an empty group rather than a misleading 0 %. */
export function ShareBar({
  label,
  part,
  whole,
  detail,
}: {
  label: string;
  part: number;
  whole: number;
  detail?: string;
}) {
  const share = whole > 0 ? part / whole : null;
  // Floored, so 239 of 240 reads 99 %: "100 %" must mean every single one.
  const shown = share === null ? null : Math.floor(share * 100);
  return (
    <div>
      <div className="flex items-end justify-between gap-3 text-sm">
        <span className="min-w-0 break-words text-stone-800">{label}</span>
        <span className="shrink-0 tabular-nums text-stone-600">
          <span className="font-semibold text-stone-900">{shown === null ? "—" : `${shown}%`}</span>
          <span className="ml-2 text-xs">{detail ?? `${part}/${whole}`}</span>
        </span>
      </div>
      <div
        className="mt-1 h-2 overflow-hidden rounded-full bg-stone-100"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={shown ?? 0}
        aria-valuetext={shown === null ? "暂无" : `${shown}%（${part}/${whole}）`}
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${share === null ? 0 : share * 100}%` }} />
      </div>
    </div>
  );
}
