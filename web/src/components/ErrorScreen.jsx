// Shown instead of a blank page when WebAssembly or the worker cannot run.
export function ErrorScreen({ error }) {
  return (
    <div className="error-screen" role="alert" data-testid="error-screen">
      <h1>The simulation could not start</h1>
      <p>{error.message}</p>
      <p className="muted">
        FinSim runs its engine as WebAssembly in a Web Worker. Use a current browser (Chrome, Edge, Firefox or
        Safari) with JavaScript enabled; if the page is inside a frame or behind a strict Content-Security-Policy,
        allow workers and WebAssembly for it.
      </p>
      <p className="muted small">Error code: {error.code}</p>
      <button type="button" className="primary" onClick={() => location.reload()}>Try again</button>
    </div>
  );
}
