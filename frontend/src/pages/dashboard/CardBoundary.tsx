import { Component, type ReactNode } from 'react';

import { ErrorNotice } from '../../components/QueryState';

// CardBoundary keeps a card that fails while rendering (say, on an answer
// it cannot read) to itself: the card shows an error, the rest of the
// dashboard stays.
export class CardBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error !== null) return <ErrorNotice error={this.state.error} />;
    return this.props.children;
  }
}
