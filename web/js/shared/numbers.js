// Counts in words, as every view writes them: "1,234", "1 row", "2 rows".

const NUMBER = new Intl.NumberFormat('en');

export function formatCount(n) {
  return NUMBER.format(n);
}

/** "1 row", "2,000 rows". */
export function plural(n, one, many = `${one}s`) {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}
