// "com.example.orders.OrderNotFoundException" → "OrderNotFoundException": the part an operator scans for.
export function shortClassName(fqcn: string | null): string | null {
  if (!fqcn) return null;
  const inner = fqcn.slice(fqcn.lastIndexOf(".") + 1);
  return inner || fqcn;
}
