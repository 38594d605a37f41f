// The browser's self-check scoring (static/selfcheck.js) against the shared scenarios.
//
// Run by tests/test_selfcheck_scenarios.py, which writes the two files this reads:
//   SELFCHECK_DATA       the rules as the static export serves them (questions.json)
//   SELFCHECK_SCENARIOS  tests/scenarios/selfcheck.yaml as JSON, each scenario with what the
//                        Python scoring gave for it ("python") and its progress ("progress")
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const selfcheck = require("../../static/selfcheck.js");

const data = JSON.parse(readFileSync(process.env.SELFCHECK_DATA, "utf8"));
const scenarios = JSON.parse(readFileSync(process.env.SELFCHECK_SCENARIOS, "utf8"));

function byIdThenCode(a, b) {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

// The same shape as outcome() in tests/test_selfcheck_scenarios.py.
function outcome(path, answers) {
  try {
    return selfcheck.result(path, answers);
  } catch (error) {
    if (!(error instanceof selfcheck.SelfCheckInputError)) { throw error; }
    return error.kind === "incomplete"
      ? { error: "incomplete", question: error.question }
      : { error: "invalid", codes: error.errors.slice().sort(byIdThenCode) };
  }
}

function progressOf(path, answers) {
  let clean;
  try {
    clean = selfcheck.cleanAnswers(path, answers);
  } catch (error) {
    return "invalid";
  }
  return selfcheck.progress(path, clean);
}

for (const scenario of scenarios) {
  test(scenario.name, () => {
    const path = data.paths[scenario.path];
    const actual = outcome(path, scenario.answers);
    for (const [key, expected] of Object.entries(scenario.expect)) {
      const value = key === "asked" ? (actual.answered || []).map((item) => item.question) : actual[key];
      assert.deepEqual(value, expected, `${key}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(value)}`);
    }
    if ("python" in scenario) {
      assert.deepEqual(actual, scenario.python, "the JavaScript scoring differs from the Python scoring");
    }
    if ("progress" in scenario) {
      assert.deepEqual(progressOf(path, scenario.answers), scenario.progress, "progress differs from Python's");
    }
  });
}

// What only the page does: drop answers the skip rules hide, find what to flag, pick the blocks.
test("answers to questions that are skipped now are left out", () => {
  const me = data.paths.me;
  const answers = selfcheck.shownAnswers(me, { age: ["no"], q1: ["yes"], q2: ["never"], q3: ["daily"], warning_signs: ["none"] });
  assert.deepEqual({ ...answers }, { age: "no", q1: "yes", q2: "never", warning_signs: ["none"] });
  assert.deepEqual(selfcheck.visibleQuestions(me, answers).map((q) => q.id),
    ["age", "q1", "q2", "q6", "q7", "warning_signs", "red_flags"]);
});

test("every visible question without a usable answer is a problem on the page", () => {
  const me = data.paths.me;
  const answers = selfcheck.shownAnswers(me, { age: ["no"], q1: ["no"], warning_signs: ["none", "leaking"] });
  assert.deepEqual(selfcheck.pageProblems(me, answers), [["warning_signs", "none_with_others"], ["red_flags", "missing"]]);
});

test("the blocks a result shows", () => {
  const me = data.paths.me;
  const urgent = selfcheck.result(me, { age: "yes", q1: "no", warning_signs: ["leaking"], red_flags: ["severe_pain", "chest_pain"] });
  assert.deepEqual(selfcheck.conditions(urgent), ["result", "level:doctor_soon", "level:emergency",
    "urgency:leaking_urine", "urgency:chest_pain", "urgency:severe_pain", "any_sign", "needs_doctor",
    "never_used", "band:lower", "under_18"]);
  const someone = selfcheck.result(data.paths.someone, { changes: ["none"], health: ["none"], affected: ["none"], urgent: ["none"] });
  assert.deepEqual(selfcheck.conditions(someone), ["result", "no_signs"]);
});
