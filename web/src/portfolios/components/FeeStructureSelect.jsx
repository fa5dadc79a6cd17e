// A menu of the server's fee structures, by name (the API takes a name or an id wherever one is asked).
import { useFeeStructures } from '../api/queries.js';

export function FeeStructureSelect({ value, onChange, testid, children }) {
  const fees = useFeeStructures();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testid}>
      {children}
      {(fees.data?.fee_structures ?? (value ? [{ name: value }] : [])).map((f) => <option key={f.name} value={f.name}>{f.name}</option>)}
    </select>
  );
}
