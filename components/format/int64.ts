// int64 values arrive as decimal strings; these helpers compare, sum and display them without ever going through Number.

const INT64_PATTERN = /^-?\d+$/;

/** Orders two decimal integer strings numerically, without allocating BigInts (sorting 10,000 rows stays cheap). */
export function compareInt64(a: string, b: string): number {
  const aNegative = a.startsWith("-");
  const bNegative = b.startsWith("-");
  if (aNegative !== bNegative) return aNegative ? -1 : 1;
  const aDigits = stripLeadingZeros(aNegative ? a.slice(1) : a);
  const bDigits = stripLeadingZeros(bNegative ? b.slice(1) : b);
  let magnitude = aDigits.length - bDigits.length;
  if (magnitude === 0) magnitude = aDigits < bDigits ? -1 : aDigits > bDigits ? 1 : 0;
  const sign = aNegative ? -1 : 1;
  return Math.sign(magnitude) * sign || 0;
}

function stripLeadingZeros(digits: string): string {
  const stripped = digits.replace(/^0+/, "");
  return stripped === "" ? "0" : stripped;
}

/** Sum of decimal integer strings, as a decimal string. */
export function sumInt64(values: Iterable<string>): string {
  let total = 0n;
  for (const value of values) total += BigInt(value);
  return total.toString();
}

/** "1234567" → "1,234,567". Anything that is not an integer string is returned unchanged. */
export function formatInt64(value: string): string {
  if (!INT64_PATTERN.test(value)) return value;
  const negative = value.startsWith("-");
  const digits = stripLeadingZeros(negative ? value.slice(1) : value);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return negative && grouped !== "0" ? `-${grouped}` : grouped;
}

/** Same as formatInt64 for the JS numbers the API uses for small counts (partitions, members). */
export function formatCount(value: number): string {
  return formatInt64(String(value));
}
