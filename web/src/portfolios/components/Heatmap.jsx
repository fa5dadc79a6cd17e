// A labelled grid of coloured cells in plain SVG (correlations, model × sector win rates). The SVG
// scales to its container's width; each cell shows its formatted value and a tooltip.
export function Heatmap({ rows, columns, values, colour, format, rowLabel = (r) => r, columnLabel = (c) => c, testid, cellSize = 44 }) {
  const left = 84;
  const top = 70;
  const width = left + columns.length * cellSize + 48;  // room for the last rotated column label
  const height = top + rows.length * cellSize;
  return (
    <div className="pf-heatmap" data-testid={testid}>
      <svg viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: `${width * 1.15}px` }} role="img">
        {columns.map((c, j) => (
          <text key={`c${j}`} className="pf-heatmap-label" transform={`translate(${left + j * cellSize + cellSize / 2}, ${top - 6}) rotate(-45)`}>
            {columnLabel(c)}
          </text>
        ))}
        {rows.map((r, i) => (
          <g key={`r${i}`}>
            <text className="pf-heatmap-label" x={left - 6} y={top + i * cellSize + cellSize / 2 + 4} textAnchor="end">{rowLabel(r)}</text>
            {columns.map((c, j) => {
              const v = values[i]?.[j];
              return (
                <g key={j}>
                  <rect x={left + j * cellSize + 1} y={top + i * cellSize + 1} width={cellSize - 2} height={cellSize - 2} rx="4" fill={colour(v)}>
                    <title>{`${rowLabel(r)} · ${columnLabel(c)}: ${format(v)}`}</title>
                  </rect>
                  <text className="pf-heatmap-value" x={left + j * cellSize + cellSize / 2} y={top + i * cellSize + cellSize / 2 + 4} textAnchor="middle">
                    {format(v)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </div>
  );
}
