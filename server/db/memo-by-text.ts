/**
 * `make` memoized by its text argument, keeping at most `max` results (the oldest made leaves
 * first). For SQL: a few builders give a few dozen statements, but an insert's text grows with
 * the size of its group, so the memo must not grow with it.
 */
export function memoByText<Value>(make: (text: string) => Value, max = 500): (text: string) => Value {
  const made = new Map<string, Value>();
  return (text) => {
    let value = made.get(text);
    if (value === undefined) {
      value = make(text);
      if (made.size >= max) made.delete(made.keys().next().value!);
      made.set(text, value);
    }
    return value;
  };
}
