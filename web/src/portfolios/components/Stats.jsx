// Key figures as a row of labelled tiles. Each item: {label, value (already formatted), tone?, testid?}.
export function Stats({ items }) {
  return (
    <dl className="pf-stats">
      {items.map((item) => (
        <div key={item.label} className={`pf-stat ${item.tone ?? ''}`} data-testid={item.testid}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Panel({ title, aside, children, className = '', testid }) {
  return (
    <section className={`pf-panel ${className}`} data-testid={testid}>
      {(title || aside) && <h2>{title}{aside && <small>{aside}</small>}</h2>}
      {children}
    </section>
  );
}
