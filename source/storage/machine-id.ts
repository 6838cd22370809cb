/**
 * Machine ids: readable (the host name) and unique (a random suffix), because two homes on
 * one computer are two machines.
 */
export function makeMachineId(hostname: string, random: string): string {
  const host =
    hostname
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 24) || 'machine';
  return `${host}-${random
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 8)
    .toLowerCase()}`;
}
