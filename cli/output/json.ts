/** JSON for machines: the answer as it is (connection sets serialise as their port ranges), indented. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
