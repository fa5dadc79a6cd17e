// Keeps a failing view from blanking the app: shows what broke and lets the user go back. Reset when
// the route changes (key).
import { Component } from 'react';

export class ViewBoundary extends Component {
  constructor(props) {
    super(props);
    this.state = { error: null };
  }

  static getDerivedStateFromError(error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="pf-state pf-error" role="alert" data-testid="pf-view-error">
        <span>This view failed: {String(this.state.error?.message ?? this.state.error)}</span>
        <a href="#/portfolios">Back to the dashboard</a>
      </div>
    );
  }
}
