// The self-check on a static copy of the site, where nothing can be sent to a server.
//
// The page holds every question of both paths and every result block, hidden. This script
// reads the rules (ids, values, scores, skip rules, flags, bands: no words) from the JSON the
// export writes from data/selfcheck.yaml, hides the questions the skip rules skip, checks the
// answers, scores them exactly as harmreduce/selfcheck/scoring.py does and shows the result
// blocks that apply. The answers stay in the page: no request, cookie, storage or address
// ever holds them. Without this script the page explains that the check needs JavaScript here.
//
// The functions before "The page" are pure: Node loads them in the tests
// (tests/js/selfcheck.test.mjs), which run the same scenarios as the Python scoring.
(function () {
  "use strict";

  // Error codes, as in scoring.py.
  var MISSING = "missing";
  var NONE_WITH_OTHERS = "none_with_others";
  var UNKNOWN_QUESTION = "unknown_question";
  var UNKNOWN_VALUE = "unknown_value";
  var TOO_MANY_VALUES = "too_many_values";
  var REPEATED_VALUE = "repeated_value";
  var SKIPPED_QUESTION = "answer_for_skipped_question";
  var OVERSIZED = "oversized";
  var MAX_FIELD_LENGTH = 64;

  // --- routing and scoring (pure) ----------------------------------------------------------

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function SelfCheckInputError(kind, errors, question) {
    this.name = "SelfCheckInputError";
    this.kind = kind;            // "invalid" or "incomplete"
    this.errors = errors || [];  // [[question id, code], …] for "invalid"
    this.question = question;    // the first unanswered question, for "incomplete"
    this.message = kind + ": " + (question || this.errors.map(function (e) { return e.join(": "); }).join(", "));
  }
  SelfCheckInputError.prototype = Object.create(Error.prototype);
  SelfCheckInputError.prototype.constructor = SelfCheckInputError;

  function findQuestion(path, id) {
    for (var i = 0; i < path.questions.length; i += 1) {
      if (path.questions[i].id === id) { return path.questions[i]; }
    }
    return null;
  }

  function findOption(question, value) {
    for (var i = 0; i < question.options.length; i += 1) {
      if (question.options[i].value === value) { return question.options[i]; }
    }
    return null;
  }

  function asValues(answer) {
    return Array.isArray(answer) ? answer.slice() : [answer];
  }

  // A skip rule looks back at an earlier single-choice answer.
  function isSkipped(question, answers) {
    return question.skip_if.some(function (rule) {
      return has(answers, rule.question) && answers[rule.question] === rule.equals;
    });
  }

  // The questions to ask given the answers so far; unanswered questions count as visible.
  function visibleQuestions(path, answers) {
    return path.questions.filter(function (question) { return !isSkipped(question, answers); });
  }

  function nextQuestion(path, answers) {
    var visible = visibleQuestions(path, answers);
    for (var i = 0; i < visible.length; i += 1) {
      if (!has(answers, visible[i].id)) { return visible[i]; }
    }
    return null;
  }

  // The next question as "question {number} of {total}", or null when the answers are complete.
  function progress(path, answers) {
    var visible = visibleQuestions(path, answers);
    for (var i = 0; i < visible.length; i += 1) {
      if (!has(answers, visible[i].id)) {
        return { question: visible[i].id, number: i + 1, total: visible.length };
      }
    }
    return null;
  }

  function answerProblem(question, values) {
    var multiple = question.type === "multiple";
    if (!values.length) { return MISSING; }
    if (values.length > (multiple ? question.options.length : 1)) { return TOO_MANY_VALUES; }
    if (values.some(function (v) { return typeof v !== "string" || v.length > MAX_FIELD_LENGTH; })) { return OVERSIZED; }
    if (values.some(function (v) { return !findOption(question, v); })) { return UNKNOWN_VALUE; }
    if (values.some(function (v, i) { return values.indexOf(v) !== i; })) { return REPEATED_VALUE; }
    if (values.length > 1 && values.some(function (v) { return findOption(question, v).exclusive; })) {
      return NONE_WITH_OTHERS;
    }
    return null;
  }

  // The clean answer (a value, or a list of values for a checklist) or {error: code}.
  function validateAnswer(question, rawValues) {
    var values = asValues(rawValues);
    var code = answerProblem(question, values);
    if (code) { return { error: code }; }
    return { value: question.type === "multiple" ? values : values[0] };
  }

  // Clean answers from {question id: value or [values]}, or throw SelfCheckInputError("invalid").
  function cleanAnswers(path, fields) {
    var names = Object.keys(fields);
    var tooLong = names.filter(function (name) { return name.length > MAX_FIELD_LENGTH; });
    if (names.length > 2 * path.questions.length || tooLong.length) {
      throw new SelfCheckInputError("invalid", tooLong.length
        ? tooLong.map(function (name) { return [name.slice(0, MAX_FIELD_LENGTH), OVERSIZED]; })
        : [["*", OVERSIZED]]);
    }
    var errors = names.filter(function (name) { return !findQuestion(path, name); })
      .map(function (name) { return [name, UNKNOWN_QUESTION]; });
    var answers = Object.create(null);
    path.questions.forEach(function (question) {
      if (!has(fields, question.id)) { return; }
      if (isSkipped(question, answers)) {
        errors.push([question.id, SKIPPED_QUESTION]);
        return;
      }
      var cleaned = validateAnswer(question, fields[question.id]);
      if (cleaned.error) {
        errors.push([question.id, cleaned.error]);
      } else {
        answers[question.id] = cleaned.value;
      }
    });
    if (errors.length) { throw new SelfCheckInputError("invalid", errors); }
    return answers;
  }

  // The chosen options in the file's order, whatever order they were given in.
  function chosen(question, answers) {
    var values = has(answers, question.id) ? asValues(answers[question.id]) : [];
    return question.options.filter(function (option) { return values.indexOf(option.value) !== -1; });
  }

  // The ASSIST Specific Substance Involvement Score: the sum of the scored answers given.
  function totalScore(path, answers) {
    return visibleQuestions(path, answers).reduce(function (sum, question) {
      if (!question.scored) { return sum; }
      return chosen(question, answers).reduce(function (s, option) { return s + option.score; }, sum);
    }, 0);
  }

  // The id of the band holding this score; a score outside every band is a bug.
  function band(bands, score) {
    for (var i = 0; i < bands.length; i += 1) {
      if (bands[i].min <= score && score <= bands[i].max) { return bands[i].id; }
    }
    throw new Error("score " + score + " is outside every band");
  }

  function answered(path, answers) {
    return visibleQuestions(path, answers).filter(function (question) { return has(answers, question.id); })
      .map(function (question) {
        return { question: question, options: chosen(question, answers) };
      });
  }

  // The options ticked that are warning signs or red flags (they name a sign in data/urgency.yaml).
  function signs(items) {
    var found = [];
    items.forEach(function (item) {
      item.options.forEach(function (option) { if (option.sign) { found.push(option); } });
    });
    return found;
  }

  // The signs' ids (data/urgency.yaml), each once, in the order ticked options come.
  function signIds(options) {
    var ids = [];
    options.forEach(function (option) { if (ids.indexOf(option.sign) === -1) { ids.push(option.sign); } });
    return ids;
  }

  // {level: [option values]}, as tests/scenarios/selfcheck.yaml writes it.
  function byLevel(options) {
    var levels = {};
    options.forEach(function (option) {
      (levels[option.level] = levels[option.level] || []).push(option.value);
    });
    return levels;
  }

  function flagged(items, flag) {
    var values = [];
    items.forEach(function (item) {
      item.options.forEach(function (option) { if (option.flag === flag) { values.push(option.value); } });
    });
    return values;
  }

  function summary(items) {
    return items.map(function (item) {
      return { question: item.question.id, options: item.options.map(function (option) { return option.value; }) };
    });
  }

  // The result for a complete, valid answer set, or SelfCheckInputError ("invalid", "incomplete").
  function result(path, answers) {
    var fields = {};
    Object.keys(answers).forEach(function (id) { fields[id] = asValues(answers[id]); });
    var clean = cleanAnswers(path, fields);
    var missing = nextQuestion(path, clean);
    if (missing) { throw new SelfCheckInputError("incomplete", [], missing.id); }
    var items = answered(path, clean);
    if (!path.bands) {
      var groups = [];
      items.forEach(function (item) {
        var signs = item.options.filter(function (option) { return !option.exclusive; });
        if (signs.length) {
          groups.push({ question: item.question.id, signs: signs.map(function (option) { return option.value; }) });
        }
      });
      return { path: path.id, groups: groups, signs: byLevel(signs(items)), urgency: signIds(signs(items)),
               answered: summary(items) };
    }
    var score = totalScore(path, clean);
    return { path: path.id, score: score, max_score: path.max_score, band: band(path.bands, score),
             signs: byLevel(signs(items)), urgency: signIds(signs(items)),
             under_18: flagged(items, "under_18").length > 0, never_used: flagged(items, "never_used").length > 0,
             answered: summary(items) };
  }

  // What the result page shows, as words the page's blocks are marked with (data-when).
  function conditions(outcome) {
    var tokens = ["result"];
    Object.keys(outcome.signs).forEach(function (level) { tokens.push("level:" + level); });
    outcome.urgency.forEach(function (sign) { tokens.push("urgency:" + sign); });
    if (outcome.urgency.length) { tokens.push("any_sign"); }
    // DOCTOR_LEVELS in harmreduce/selfcheck/scoring.py.
    if (has(outcome.signs, "urgent_today") || has(outcome.signs, "doctor_soon")) { tokens.push("needs_doctor"); }
    if (has(outcome, "groups")) {
      tokens.push(outcome.groups.length ? "signs" : "no_signs");
      outcome.groups.forEach(function (group) {
        tokens.push("group:" + group.question);
        group.signs.forEach(function (sign) { tokens.push("sign:" + group.question + ":" + sign); });
      });
      return tokens;
    }
    tokens.push(outcome.never_used ? "never_used" : "used");
    tokens.push("band:" + outcome.band);
    if (outcome.under_18) { tokens.push("under_18"); }
    return tokens;
  }

  // From everything ticked on the page, the answers to the questions shown now: skip rules look
  // back, so an answer to a question that is skipped now is left out (and kept on the page, in
  // case the visitor changes the earlier answer back).
  function shownAnswers(path, ticked) {
    var answers = Object.create(null);
    path.questions.forEach(function (question) {
      var values = has(ticked, question.id) ? ticked[question.id] : [];
      if (!values.length || isSkipped(question, answers)) { return; }
      answers[question.id] = question.type === "multiple" ? values.slice() : (values.length === 1 ? values[0] : values.slice());
    });
    return answers;
  }

  // The problems to show on the page: every visible question without a usable answer.
  function pageProblems(path, answers) {
    var problems = [];
    visibleQuestions(path, answers).forEach(function (question) {
      var code = has(answers, question.id) ? answerProblem(question, asValues(answers[question.id])) : MISSING;
      if (code) { problems.push([question.id, code]); }
    });
    return problems;
  }

  var api = {
    SelfCheckInputError: SelfCheckInputError, isSkipped: isSkipped, visibleQuestions: visibleQuestions,
    nextQuestion: nextQuestion, progress: progress, validateAnswer: validateAnswer, cleanAnswers: cleanAnswers,
    totalScore: totalScore, band: band, result: result, conditions: conditions, shownAnswers: shownAnswers,
    byLevel: byLevel,
    pageProblems: pageProblems
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }

  // --- The page ------------------------------------------------------------------------------

  var root = document.querySelector("[data-static-selfcheck]");
  if (!root || !window.fetch) { return; }

  function each(scope, selector, callback) {
    Array.prototype.forEach.call(scope.querySelectorAll(selector), callback);
  }

  function matches(element, tokens) {
    return element.getAttribute("data-when").split(" ").every(function (token) { return tokens.indexOf(token) !== -1; });
  }

  function fits(data) {
    // The page and the rules must describe the same questions and values.
    return Object.keys(data.paths).every(function (id) {
      var form = root.querySelector("form[data-selfcheck-form='" + id + "']");
      return form && data.paths[id].questions.every(function (question) {
        return question.options.every(function (option) {
          return form.querySelector("input[name='" + question.id + "'][value='" + option.value + "']");
        });
      });
    });
  }

  function CheckForm(path, form, resultBox, owner) {
    var title = document.title;
    var heading = form.querySelector("[data-form-heading]");
    var errorSummary = form.querySelector("[data-problem-summary]");
    var resultHeading = resultBox.querySelector("[data-result-heading]");
    var printSummary = resultBox.querySelector("[data-print-summary]");

    function group(id) { return form.querySelector("[data-question='" + id + "']"); }

    function ticked() {
      var values = {};
      path.questions.forEach(function (question) {
        values[question.id] = [];
        each(form, "input[name='" + question.id + "']:checked", function (input) { values[question.id].push(input.value); });
      });
      return values;
    }

    function update() {
      var answers = shownAnswers(path, ticked());
      var visible = visibleQuestions(path, answers);
      path.questions.forEach(function (question) {
        var number = visible.indexOf(question);
        var box = group(question.id);
        box.hidden = number === -1;
        each(box, "[data-number]", function (span) { span.textContent = String(number + 1); });
        each(box, "[data-total]", function (span) { span.textContent = String(visible.length); });
      });
      return answers;
    }

    function clearProblems() {
      errorSummary.hidden = true;
      errorSummary.querySelector("ul").textContent = "";
      path.questions.forEach(function (question) {
        var box = group(question.id);
        box.classList.remove("form-group-error");
        each(box, "[data-error]", function (message) { message.hidden = true; });
        var fieldset = box.querySelector("fieldset");
        var describedBy = fieldset.getAttribute("data-describedby");
        if (describedBy) { fieldset.setAttribute("aria-describedby", describedBy); } else { fieldset.removeAttribute("aria-describedby"); }
      });
      document.title = title;
    }

    function showProblems(problems) {
      var list = errorSummary.querySelector("ul");
      problems.forEach(function (problem) {
        var box = group(problem[0]);
        var message = box.querySelector("[data-error='" + problem[1] + "']") || box.querySelector("[data-error='missing']");
        message.hidden = false;
        box.classList.add("form-group-error");
        var fieldset = box.querySelector("fieldset");
        var describedBy = fieldset.getAttribute("data-describedby");
        fieldset.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + message.id);
        var first = box.querySelector("input");
        var link = document.createElement("a");
        link.href = "#" + first.id;
        link.textContent = message.querySelector("[data-message]").textContent;
        // Move to the question without putting anything in the address.
        link.addEventListener("click", function (event) {
          event.preventDefault();
          first.focus();
        });
        var item = document.createElement("li");
        item.appendChild(link);
        list.appendChild(item);
      });
      errorSummary.hidden = false;
      document.title = root.getAttribute("data-error-title");
      errorSummary.focus();
    }

    function hideResult() {
      resultBox.hidden = true;
      printSummary.classList.remove("print-summary");
    }

    function showResult(outcome, answers) {
      var tokens = conditions(outcome);
      each(resultBox, "[data-when]", function (block) { block.hidden = !matches(block, tokens); });
      each(resultBox, "[data-score]", function (span) { span.textContent = String(outcome.score); });
      each(resultBox, "[data-today]", function (span) {
        span.textContent = new Date().toLocaleDateString(document.documentElement.lang, { year: "numeric", month: "long", day: "numeric" });
      });
      var list = resultBox.querySelector("[data-answers]");
      list.textContent = "";
      outcome.answered.forEach(function (item) {
        var row = document.createElement("div");
        var question = document.createElement("dt");
        question.textContent = group(item.question).querySelector("[data-question-text]").textContent.trim();
        var answer = document.createElement("dd");
        answer.textContent = item.options.map(function (value) {
          var input = form.querySelector("input[name='" + item.question + "'][value='" + value + "']");
          return form.querySelector("label[for='" + input.id + "']").textContent.trim();
        }).join("; ");
        row.appendChild(question);
        row.appendChild(answer);
        list.appendChild(row);
      });
      printSummary.classList.add("print-summary");
      resultBox.hidden = false;
      resultHeading.focus();
    }

    function submit(event) {
      event.preventDefault();  // first: nothing is ever sent
      var answers = update();
      clearProblems();
      var problems = pageProblems(path, answers);
      if (problems.length) {
        hideResult();
        showProblems(problems);
        return;
      }
      showResult(result(path, answers), answers);
    }

    function reset() {
      form.reset();
      clearProblems();
      hideResult();
      update();
    }

    form.addEventListener("submit", submit);
    form.addEventListener("change", function () {
      update();
      hideResult();  // the result shown no longer matches the answers
    });
    each(form, "[data-clear]", function (button) {
      button.addEventListener("click", function () { reset(); heading.focus(); });
    });
    each(resultBox, "[data-clear]", function (button) {
      button.addEventListener("click", function () { reset(); heading.focus(); });
    });
    each(resultBox, "[data-selfcheck-print]", function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    each(resultBox, "[data-selfcheck-print-hint]", function (hint) { hint.hidden = true; });

    this.open = function () {
      form.hidden = false;
      update();
      heading.focus();
    };
    this.close = function () {
      reset();
      form.hidden = true;
    };
    this.id = path.id;
    owner.push(this);
  }

  function setUp(data) {
    if (!fits(data)) { return; }
    var checks = [];
    Object.keys(data.paths).forEach(function (id) {
      var form = root.querySelector("form[data-selfcheck-form='" + id + "']");
      var resultBox = document.querySelector("[data-selfcheck-result='" + id + "']");
      new CheckForm(data.paths[id], form, resultBox, checks);  // eslint-disable-line no-new
    });
    each(document, "[data-start]", function (button) {
      button.addEventListener("click", function () {
        var chosenId = button.getAttribute("data-start");
        checks.forEach(function (check) { if (check.id !== chosenId) { check.close(); } });
        each(document, "[data-start]", function (other) {
          if (other.hasAttribute("aria-expanded")) {
            other.setAttribute("aria-expanded", String(other.getAttribute("data-start") === chosenId));
          }
        });
        checks.forEach(function (check) { if (check.id === chosenId) { check.open(); } });
      });
    });
    each(document, "[data-selfcheck-needs-js]", function (note) { note.hidden = true; });
    root.hidden = false;
  }

  // Only the rules are fetched; answers never leave the page.
  window.fetch(root.getAttribute("data-questions"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) { throw new Error("status " + response.status); }
      return response.json();
    })
    .then(setUp)
    .catch(function () { /* the explanation stays: without the rules the check cannot run */ });
}());
