//! The normalizer's rule loop over the rules the core holds (`cutter.normalize._Run.run`):
//! one call runs a stretch of a piece's rules, rule after rule, and comes back to Python only
//! where Python has work: a rule written in Python whose gate is open, a rule the core gives
//! back (`Run.apply_core` returned `None`), a join that makes the rules before it run again,
//! or fixes that brought rare characters, after which the gates are worked out again.
//!
//! What a rule may act on, and what the core needs to run it, are Python's (the rule gates, the
//! rules' `core_with`): Python works them out for the text's rare characters and context (the
//! open gates as bits, the helpers as a [`Helpers`] it keeps), and this loop reads them.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::{Chrome, Fold, Run};

/// A sequence of rules, as the loop reads it: for each, its name, whether the core runs it,
/// whether `--keep-boilerplate` keeps what it would remove, and whether its change makes the rules
/// before it run again (`cutter.rules.JOINS`).
#[pyclass(frozen, name = "Plan", module = "cutter._core")]
pub(crate) struct Plan {
    names: Vec<String>,
    in_core: Vec<bool>,
    boilerplate: Vec<bool>,
    joins: Vec<bool>,
}

#[pymethods]
impl Plan {
    #[new]
    fn new(names: Vec<String>, in_core: Vec<bool>, boilerplate: Vec<bool>, joins: Vec<bool>) -> PyResult<Self> {
        let count = names.len();
        if in_core.len() != count || boilerplate.len() != count || joins.len() != count {
            return Err(PyValueError::new_err("the columns of a plan differ in length"));
        }
        if count > MOST_RULES {
            return Err(PyValueError::new_err(format!("a plan of more than {MOST_RULES} rules")));
        }
        Ok(Plan { names, in_core, boilerplate, joins })
    }

    fn __len__(&self) -> usize {
        self.names.len()
    }
}

/// The titles' openings that `title-repeat` needs (see `Run.apply_core`).
type Openings = (Vec<Py<PyString>>, usize);

/// For a plan's rules, the core's helpers of each (`apply_core`'s `chrome`, `fold` and `openings`)
/// given a text's rare characters and its document's context.
#[pyclass(frozen, name = "Helpers", module = "cutter._core")]
pub(crate) struct Helpers {
    chrome: Vec<Option<Py<Chrome>>>,
    fold: Vec<Option<Py<Fold>>>,
    openings: Vec<Option<Openings>>,
}

#[pymethods]
impl Helpers {
    #[new]
    fn new(chrome: Vec<Option<Py<Chrome>>>, fold: Vec<Option<Py<Fold>>>, openings: Vec<Option<Openings>>) -> PyResult<Self> {
        if fold.len() != chrome.len() || openings.len() != chrome.len() {
            return Err(PyValueError::new_err("the columns of a plan's helpers differ in length"));
        }
        Ok(Helpers { chrome, fold, openings })
    }
}

/// The most rules a plan holds: the open gates come as the bits of one integer.
pub(crate) const MOST_RULES: usize = 64;

/// Why the loop came back to Python (the second value `Run.run_rules` gives).
#[derive(Clone, Copy)]
#[repr(u8)]
pub(crate) enum Stop {
    /// The stretch is done.
    Done = 0,
    /// The rule at the position is written in Python and its gate is open: Python runs it.
    Python = 1,
    /// The rule at the position came back from the core (`apply_core` gave `None`): Python goes on
    /// with it where `apply_core` left it.
    GivenBack = 2,
    /// The rule before the position joined: the rules before it run again.
    Joined = 3,
    /// The rule before the position brought rare characters: the gates are worked out again.
    Rare = 4,
}

/// Where the loop stopped, why, whether the text changed, the flags noted on the way as (rule
/// position, raw offset, message), and the rare characters if the fixes brought new ones.
pub(crate) type Ran = (usize, u8, bool, Vec<(usize, usize, Py<PyString>)>, Option<String>);

/// Run `plan`'s rules from `start` up to `stop` over `run` (see the module's comment): those whose
/// bit in `gates` is set, with `helpers`; `rare`: the text's rare characters, which both were
/// worked out for.
#[allow(clippy::too_many_arguments)] // the loop's state, each piece its own argument
pub(crate) fn run_rules(
    run: &mut Run,
    py: Python<'_>,
    plan: &Plan,
    gates: u64,
    helpers: &Helpers,
    start: usize,
    stop: usize,
    at_join: bool,
    keep_boilerplate: bool,
    rare: &str,
) -> PyResult<Ran> {
    if stop > plan.names.len() || helpers.chrome.len() != plan.names.len() {
        return Err(PyValueError::new_err("a stretch of rules outside its plan"));
    }
    let (mut changed, mut flags) = (false, Vec::new());
    let ran = |position: usize, stop: Stop, changed: bool, flags, rare: Option<String>| -> Ran {
        (position, stop as u8, changed, flags, rare)
    };
    for position in start..stop {
        if gates >> position & 1 == 0 {
            continue;
        }
        if !plan.in_core[position] {
            return Ok(ran(position, Stop::Python, changed, flags, None));
        }
        let keep = keep_boilerplate && plan.boilerplate[position];
        let chrome = helpers.chrome[position].as_ref().map(|chrome| chrome.bind(py).borrow());
        let fold = helpers.fold[position].as_ref().map(|fold| fold.bind(py).borrow());
        let openings = helpers.openings[position]
            .as_ref()
            .map(|(prefixes, longest)| (prefixes.iter().map(|prefix| prefix.bind(py).clone()).collect(), *longest));
        let name = plan.names[position].as_str();
        let Some((brought, found)) = run.apply_core(py, name, keep, chrome, fold, openings, None, None, false, None)?
        else {
            return Ok(ran(position, Stop::GivenBack, changed, flags, None));
        };
        flags.extend(found.into_iter().map(|(offset, message)| (position, offset, message)));
        let Some(brought) = brought else { continue };
        changed = true;
        let rare = cutter_core::rare::with_brought(rare, &brought);
        if at_join && plan.joins[position] {
            return Ok(ran(position + 1, Stop::Joined, changed, flags, rare));
        }
        if rare.is_some() {
            return Ok(ran(position + 1, Stop::Rare, changed, flags, rare));
        }
    }
    Ok(ran(stop, Stop::Done, changed, flags, None))
}
