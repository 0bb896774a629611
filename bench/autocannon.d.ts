/** The part of autocannon's programmatic API the soak benchmark uses (the package ships no types). */
declare module 'autocannon' {
  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Histogram = { average: number; total: number; p50: number; p99: number };
  type Result = { requests: Histogram; latency: Histogram; errors: number; timeouts: number; non2xx: number };
  type Options = { url: string; connections?: number; duration?: number; requests?: Request[] };
  function autocannon(options: Options, done: (error: Error | null, result: Result) => void): { stop: () => void };
  namespace autocannon {
    export type { Request, Result, Options };
  }
  export default autocannon;
}
