// The one-world page offers "Compare with the original" on a branch (components/BranchPanel.jsx): the
// opener it registers goes to the comparison's address (compare/branchAddress.js), or says in a notice
// why that branch cannot be one address.
import { useEffect } from 'react';
import { setCompareOpener } from '../history/branch.js';
import { branchAddress } from './branchAddress.js';

export function useBranchCompare(store) {
  useEffect(() => {
    setCompareOpener((comparison) => {
      const answer = branchAddress(location.search, comparison);
      if (answer.search) location.assign(`${location.pathname}${answer.search}${location.hash}`);
      else store.getState().addNotices([answer.refused]);
    });
    return () => setCompareOpener(null);
  }, [store]);
}
