// Names and ports as the Kubernetes API server checks them (k8s.io/apimachinery/pkg/util/validation), plus the
// limits of DNS itself. Each function returns every problem of a value, as the API server lists them; [] is valid.
// Messages never quote the value: they reach HTTP responses, and a value can be anything a client sent.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const PORT_NAME_MAX = 15;

/** IsDNS1123Label: namespaces, Service port names, most label-like names. */
export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) problems.push(`must be no more than ${DNS1123_LABEL_MAX} characters`);
  if (!DNS1123_LABEL.test(value)) {
    problems.push("must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit");
  }
  return problems;
}

/** IsDNS1123Subdomain: the names of most objects (pods, Services, policies, IngressClasses). */
export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) problems.push(`must be no more than ${DNS1123_SUBDOMAIN_MAX} characters`);
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push("must be a lowercase RFC 1123 subdomain: labels of a-z, 0-9 and '-' separated by '.', each starting and ending with a letter or digit");
  }
  return problems;
}

/**
 * IsValidPortName (IANA_SVC_NAME, RFC 6335): containerPorts[].name, a named targetPort, a policy's named port.
 * At most 15 characters of a-z, 0-9 and '-', at least one letter, no '--', no '-' at either end.
 */
export function portNameProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > PORT_NAME_MAX) problems.push(`must be no more than ${PORT_NAME_MAX} characters`);
  if (!/^[-a-z0-9]+$/.test(value)) problems.push("must contain only lowercase letters (a-z), digits (0-9) and '-'");
  if (!/[a-z]/.test(value)) problems.push('must contain at least one letter (a-z)');
  if (value.includes('--')) problems.push("must not contain consecutive '-'");
  if (value.startsWith('-') || value.endsWith('-')) problems.push("must not begin or end with '-'");
  return problems;
}

/** IsValidPortNum. */
export function portNumberProblems(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : ['must be an integer from 1 to 65535'];
}

/**
 * A port given as text (a query parameter, a CLI option): decimal digits only, no sign, no leading zero, no
 * spaces, no `0x50`, no `8e1`, then 1-65535.
 */
export function parsePortText(text: string): { port: number } | { problem: string } {
  if (!/^[1-9][0-9]{0,4}$/.test(text) || Number(text) > 65535) return { problem: 'must be a decimal integer from 1 to 65535' };
  return { port: Number(text) };
}

const DNS_NAME_MAX = 253;
const DNS_LABEL = /^[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?$/i;

/**
 * A DNS name to look up (RFC 1035 limits): at most 253 characters without a trailing dot, labels of 1-63 letters,
 * digits, '-' or '_' (SRV-style `_http._tcp`), not starting or ending with '-'. Case does not matter.
 */
export function dnsNameProblems(value: string): string[] {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name === '') return ['must not be empty'];
  const problems: string[] = [];
  if (name.length > DNS_NAME_MAX) problems.push(`must be no more than ${DNS_NAME_MAX} characters`);
  const labels = name.split('.');
  if (labels.some((l) => l.length > DNS1123_LABEL_MAX)) problems.push(`each label must be no more than ${DNS1123_LABEL_MAX} characters`);
  if (labels.some((l) => !DNS_LABEL.test(l))) {
    problems.push("must be a DNS name: labels of letters, digits, '-' and '_' separated by '.', no label empty or starting or ending with '-'");
  }
  return problems;
}
