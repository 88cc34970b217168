import { z } from 'zod';

// zod probes whether it may compile code (new Function) as it builds its first object schema, and the page's and
// the worker's Content-Security-Policy refuse eval: the probe fails (zod then works without it) but is reported as a
// violation. Jitless, it never probes. This must run before any schema module is evaluated: import it first.
z.config({ jitless: true });
