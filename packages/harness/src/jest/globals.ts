/** jest's globals, looked up at call time so the package can be imported outside jest. */
export interface JestGlobals {
  describe: (name: string, fn: () => void) => void;
  test: ((name: string, fn: () => Promise<void> | void, timeout?: number) => void) & { skip: (name: string, fn: () => void) => void };
  beforeAll: (fn: () => Promise<void> | void, timeout?: number) => void;
  afterAll: (fn: () => Promise<void> | void, timeout?: number) => void;
  expect?: { getState?: () => { testPath?: string } };
}

export function jestGlobals(): JestGlobals {
  const g = globalThis as unknown as Partial<JestGlobals>;
  if (typeof g.describe !== 'function' || typeof g.test !== 'function' || typeof g.beforeAll !== 'function' || typeof g.afterAll !== 'function') {
    throw new Error('describeGolden must be called at the top level of a jest test file (jest globals describe/test are not defined)');
  }
  return g as JestGlobals;
}
