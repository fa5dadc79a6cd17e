// The lessons, each a prepared comparison (compare/lessons.js): links that open `?lesson=N`.
import { LESSON_LIST } from './lessons.js';
import { lessonSearch } from './compareAddress.js';

export function LessonsPanel({ current = null }) {
  return (
    <details className="panel lessons" data-testid="lessons" open={current !== null}>
      <summary><h2>Lessons <small>two worlds, one difference</small></h2></summary>
      <ol className="lesson-list">
        {LESSON_LIST.map((l) => (
          <li key={l.id}>
            <a href={`${location.pathname}${lessonSearch(location.search, l.n)}${location.hash}`}
              aria-current={current?.n === l.n ? 'page' : undefined} data-testid={`lesson-${l.n}`}>{l.title}</a>
          </li>
        ))}
      </ol>
    </details>
  );
}
