/** What the runtime city files report when one is missing, damaged or of another city. */
export class RuntimeCityError extends Error {
  override readonly name = 'RuntimeCityError';
}
