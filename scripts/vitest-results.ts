// Reads vitest's JSON report (the `json` reporter's output file).
import { existsSync, readFileSync } from "node:fs";

export interface VitestAssertion {
  title: string;
  fullName: string;
  status: "passed" | "failed" | "skipped" | "pending" | "todo" | "disabled";
  failureMessages?: string[];
}

export interface VitestFileResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: VitestAssertion[];
}

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults: VitestFileResult[];
}

export function readVitestReport(file: string): VitestReport | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as VitestReport;
}
