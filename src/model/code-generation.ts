/**
 * Code compiled from strings (`new Function`), where Node allows it: some hardened hosts put
 * --disallow-code-generation-from-strings in NODE_OPTIONS, and every compilation then throws an
 * EvalError.
 */

/** What `compile` makes, or, where Node forbids code generation from strings, what `otherwise` makes. */
export function compiledOr<T>(compile: () => T, otherwise: () => T): T {
  try {
    return compile();
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    return otherwise();
  }
}

/** Whether Node allows code generation from strings here. */
export const codeGenerationAllowed = (): boolean => compiledOr(() => typeof new Function('') === 'function', () => false);
