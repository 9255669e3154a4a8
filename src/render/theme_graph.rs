//! Checks a theme's templates before any of them is rendered: every
//! `extends`, `include` and `import` names a template that exists, no
//! template reaches itself through those tags or through macro calls, and no
//! chain of them nests deeper than [`MAX_NESTING`].
//!
//! Tera 1 follows these tags without a guard, so a cycle (a template that
//! extends or includes itself, two partials that include each other, a macro
//! that calls itself) overflows the stack and aborts the process. The graph
//! is built from Tera's own parse of each template; the tag's position is
//! found in the source text, since Tera's syntax tree carries none.

use std::collections::{BTreeMap, BTreeSet};

use tera::ast::{Expr, ExprVal, Node};
use tera::Template;

use crate::diagnostics::{Code, Diagnostic};

/// The deepest chain of `extends`, `include`, `import` and macro calls a
/// theme may build. The default theme needs 3; each level costs Tera a few
/// stack frames, and this many stay far below a rendering thread's stack.
pub const MAX_NESTING: usize = 32;

/// A template, or a macro defined in one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum NodeKey {
    Template(String),
    Macro(String, String),
}

/// How one node leads to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Via {
    Extends,
    Include,
    Import,
    Call,
}

/// One tag that leads from a node to another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    to: NodeKey,
    via: Via,
    /// Where the tag stands: template name, line, column.
    at: (String, usize, usize),
}

/// The templates as parsed, their sources, and a way to name the file a template came from.
pub struct Theme<'a> {
    /// Every template Tera will hold, by name.
    pub templates: &'a BTreeMap<String, Template>,
    /// Each template's source text, by name.
    pub sources: &'a BTreeMap<String, String>,
    /// The project-relative file a template came from (for diagnostics).
    pub file: &'a dyn Fn(&str) -> String,
    /// Whether the template is the project's own (an override or a custom theme's).
    pub is_own: &'a dyn Fn(&str) -> bool,
}

/// Every problem with the theme's template graph; empty when it is sound.
pub fn check(theme: &Theme) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut edges: BTreeMap<NodeKey, Vec<Edge>> = BTreeMap::new();
    for (name, tpl) in theme.templates {
        collect_edges(theme, name, tpl, &mut edges, &mut diags);
    }
    if !diags.is_empty() {
        return diags;
    }
    let cycles = find_cycles(&edges);
    for cycle in &cycles {
        diags.push(cycle_diagnostic(theme, cycle));
    }
    if diags.is_empty() {
        if let Some((start, depth)) = too_deep(&edges) {
            let name = match &start {
                NodeKey::Template(n) | NodeKey::Macro(n, _) => n.clone(),
            };
            diags.push(
                Diagnostic::error(
                    Code::Template,
                    (theme.file)(&name),
                    1,
                    1,
                    format!(
                        "templates nest {depth} levels deep from {} (extends, include, import and macro calls); \
                         the limit is {MAX_NESTING}",
                        describe(&start)
                    ),
                )
                .with_help("flatten the theme: let fewer templates include or extend one another in a chain"),
            );
        }
    }
    diags
}

/// The edges leaving `name` and its macros; missing targets become diagnostics.
fn collect_edges(
    theme: &Theme,
    name: &str,
    tpl: &Template,
    edges: &mut BTreeMap<NodeKey, Vec<Edge>>,
    diags: &mut Vec<Diagnostic>,
) {
    let source = theme.sources.get(name).map_or("", String::as_str);
    let me = NodeKey::Template(name.to_string());
    let mut out = Vec::new();
    let missing = |what: &str, target: &str, at: (usize, usize)| {
        Diagnostic::error(
            Code::Template,
            (theme.file)(name),
            at.0,
            at.1,
            format!("`{what}` names the template `{target}`, which is neither in the theme nor in templates/"),
        )
        .with_help(format!("add templates/{target}, or correct the name"))
    };
    if let Some(parent) = &tpl.parent {
        let at = locate_tag(source, 0, "extends", parent);
        if theme.templates.contains_key(parent) {
            out.push(Edge { to: NodeKey::Template(parent.clone()), via: Via::Extends, at: (name.into(), at.0, at.1) });
        } else {
            diags.push(missing("extends", parent, at));
        }
    }
    for (file, _) in &tpl.imported_macro_files {
        let at = locate_tag(source, 0, "import", file);
        if theme.templates.contains_key(file) {
            out.push(Edge { to: NodeKey::Template(file.clone()), via: Via::Import, at: (name.into(), at.0, at.1) });
        } else {
            diags.push(missing("import", file, at));
        }
    }
    let scope = Scope { theme, name, source };
    let mut found = Vec::new();
    for node in &tpl.ast {
        match node {
            Node::MacroDefinition(_, def, _) => {
                let start = locate_macro(source, &def.name);
                let mut inner = Vec::new();
                walk_nodes(&def.body, &mut inner);
                let key = NodeKey::Macro(name.to_string(), def.name.clone());
                let list = scope.edges(&inner, start, diags);
                edges.entry(key).or_default().extend(list);
            }
            other => walk_nodes(std::slice::from_ref(other), &mut found),
        }
    }
    out.extend(scope.edges(&found, 0, diags));
    edges.entry(me).or_default().extend(out);
}

/// What a stretch of a template refers to.
enum Ref {
    /// `{% include %}` candidates (the first that exists is used) and whether missing is allowed.
    Include(Vec<String>, bool),
    /// `ns::name(...)`.
    Call(String, String),
}

/// Resolves references found in one template.
struct Scope<'s, 'a> {
    theme: &'s Theme<'a>,
    name: &'s str,
    source: &'s str,
}

impl Scope<'_, '_> {
    /// Turns references into edges; `from` is where in the source to look for their tags.
    fn edges(&self, refs: &[Ref], from: usize, diags: &mut Vec<Diagnostic>) -> Vec<Edge> {
        let mut out = Vec::new();
        for r in refs {
            match r {
                Ref::Include(names, ignore_missing) => {
                    let first = names.first().map_or("", String::as_str);
                    let at = locate_tag(self.source, from, "include", first);
                    match names.iter().find(|n| self.theme.templates.contains_key(*n)) {
                        Some(target) => out.push(Edge {
                            to: NodeKey::Template(target.clone()),
                            via: Via::Include,
                            at: (self.name.to_string(), at.0, at.1),
                        }),
                        None if *ignore_missing => {}
                        None => diags.push(
                            Diagnostic::error(
                                Code::Template,
                                (self.theme.file)(self.name),
                                at.0,
                                at.1,
                                format!(
                                    "`include` names the template `{}`, which is neither in the theme nor in templates/",
                                    names.join("`, `")
                                ),
                            )
                            .with_help(format!(
                                "add templates/{first}, correct the name, or write `ignore missing` after it"
                            )),
                        ),
                    }
                }
                Ref::Call(ns, mac) => {
                    // Unknown namespaces and macros are Tera's to report when the page renders.
                    if let Some(file) = self.resolve(ns) {
                        if self.theme.templates.get(&file).is_some_and(|t| t.macros.contains_key(mac)) {
                            let at = locate(self.source, from, &format!("{ns}::{mac}"));
                            out.push(Edge {
                                to: NodeKey::Macro(file, mac.clone()),
                                via: Via::Call,
                                at: (self.name.to_string(), at.0, at.1),
                            });
                        }
                    }
                }
            }
        }
        out
    }

    /// The template a macro namespace stands for here (`self`, or an import
    /// of this template or of one it extends).
    fn resolve(&self, ns: &str) -> Option<String> {
        if ns == "self" {
            return Some(self.name.to_string());
        }
        let mut seen = BTreeSet::new();
        let mut current = self.name.to_string();
        while seen.insert(current.clone()) {
            let tpl = self.theme.templates.get(&current)?;
            if let Some((file, _)) = tpl.imported_macro_files.iter().find(|(_, n)| n == ns) {
                return Some(file.clone());
            }
            current = tpl.parent.clone()?;
        }
        None
    }
}

/// Collects includes and macro calls from nodes (not descending into macro definitions).
fn walk_nodes(nodes: &[Node], out: &mut Vec<Ref>) {
    // An explicit stack: a hostile template may nest deeply.
    let mut stack: Vec<&Node> = nodes.iter().rev().collect();
    let mut exprs: Vec<&Expr> = Vec::new();
    while let Some(node) = stack.pop() {
        match node {
            Node::Include(_, names, ignore) => out.push(Ref::Include(names.clone(), *ignore)),
            Node::VariableBlock(_, e) => exprs.push(e),
            Node::Set(_, s) => exprs.push(&s.value),
            Node::FilterSection(_, f, _) => {
                exprs.extend(f.filter.args.values());
                stack.extend(f.body.iter().rev());
            }
            Node::Block(_, b, _) => stack.extend(b.body.iter().rev()),
            Node::Forloop(_, f, _) => {
                exprs.push(&f.container);
                if let Some(empty) = &f.empty_body {
                    stack.extend(empty.iter().rev());
                }
                stack.extend(f.body.iter().rev());
            }
            Node::If(i, _) => {
                if let Some((_, body)) = &i.otherwise {
                    stack.extend(body.iter().rev());
                }
                for (_, cond, body) in i.conditions.iter().rev() {
                    stack.extend(body.iter().rev());
                    exprs.push(cond);
                }
            }
            _ => {}
        }
        while let Some(e) = exprs.pop() {
            walk_expr(e, out, &mut exprs);
        }
    }
}

/// Records the macro calls of one expression; sub-expressions go on `more`.
fn walk_expr<'e>(e: &'e Expr, out: &mut Vec<Ref>, more: &mut Vec<&'e Expr>) {
    for f in &e.filters {
        more.extend(f.args.values());
    }
    match &e.val {
        ExprVal::MacroCall(c) => {
            out.push(Ref::Call(c.namespace.clone(), c.name.clone()));
            more.extend(c.args.values());
        }
        ExprVal::FunctionCall(f) => more.extend(f.args.values()),
        ExprVal::Math(m) => more.extend([&*m.lhs, &*m.rhs]),
        ExprVal::Logic(l) => more.extend([&*l.lhs, &*l.rhs]),
        ExprVal::In(i) => more.extend([&*i.lhs, &*i.rhs]),
        ExprVal::Test(t) => more.extend(t.args.iter()),
        ExprVal::Array(items) => more.extend(items.iter()),
        _ => {}
    }
}

/// Every cycle, as the list of edges around it, each found once (by its
/// first node in sorted order), deterministic.
fn find_cycles(edges: &BTreeMap<NodeKey, Vec<Edge>>) -> Vec<Vec<Edge>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark: BTreeMap<&NodeKey, Mark> = edges.keys().map(|k| (k, Mark::New)).collect();
    let mut cycles = Vec::new();
    for start in edges.keys() {
        if mark.get(start) != Some(&Mark::New) {
            continue;
        }
        // Iterative depth-first search; `path` holds (node, next edge index, edge taken to it).
        let mut path: Vec<(&NodeKey, usize, Option<&Edge>)> = vec![(start, 0, None)];
        mark.insert(start, Mark::Open);
        while let Some(top) = path.last_mut() {
            let (node, i) = (top.0, top.1);
            let out = edges.get(node).map_or(&[][..], Vec::as_slice);
            if i >= out.len() {
                mark.insert(node, Mark::Done);
                path.pop();
                continue;
            }
            top.1 += 1;
            let edge = &out[i];
            match mark.get(&edge.to).copied().unwrap_or(Mark::Done) {
                Mark::New => {
                    mark.insert(&edge.to, Mark::Open);
                    path.push((&edge.to, 0, Some(edge)));
                }
                Mark::Open => {
                    let from = path.iter().position(|(n, _, _)| *n == &edge.to).unwrap_or(0);
                    let mut cycle: Vec<Edge> = path[from + 1..].iter().filter_map(|(_, _, e)| e.cloned()).collect();
                    cycle.push(edge.clone());
                    cycles.push(cycle);
                }
                Mark::Done => {}
            }
        }
    }
    cycles
}

/// The deepest chain, when it exceeds [`MAX_NESTING`]: its first node and its length.
/// Only called on a graph without cycles.
fn too_deep(edges: &BTreeMap<NodeKey, Vec<Edge>>) -> Option<(NodeKey, usize)> {
    // Longest path by memoised depth, computed in reverse post-order without recursion.
    let mut depth: BTreeMap<&NodeKey, usize> = BTreeMap::new();
    for start in edges.keys() {
        let mut stack = vec![(start, false)];
        while let Some((node, expanded)) = stack.pop() {
            if depth.contains_key(node) {
                continue;
            }
            let out = edges.get(node).map_or(&[][..], Vec::as_slice);
            if expanded {
                let d = out.iter().map(|e| depth.get(&e.to).copied().unwrap_or(0) + 1).max().unwrap_or(0);
                depth.insert(node, d);
            } else {
                stack.push((node, true));
                stack.extend(out.iter().filter(|e| !depth.contains_key(&e.to)).map(|e| (&e.to, false)));
            }
        }
    }
    depth.into_iter().filter(|(_, d)| *d > MAX_NESTING).max_by_key(|(_, d)| *d).map(|(k, d)| (k.clone(), d))
}

/// The diagnostic for one cycle, placed on a tag in one of the project's own
/// templates where there is one.
fn cycle_diagnostic(theme: &Theme, cycle: &[Edge]) -> Diagnostic {
    let first = cycle.iter().position(|e| (theme.is_own)(&e.at.0)).unwrap_or(cycle.len() - 1);
    let order: Vec<&Edge> = cycle[first..].iter().chain(&cycle[..first]).collect();
    // Start the story at the node the chosen edge leaves.
    let chosen = order[0];
    let from = order.last().map(|e| e.to.clone()).unwrap_or_else(|| chosen.to.clone());
    let mut story = describe(&from);
    for (i, e) in order.iter().enumerate() {
        let which = if i == 0 { "" } else { ", which" };
        story.push_str(&format!("{which} {} {}", verb(e.via), describe(&e.to)));
    }
    let only_macros = order.iter().all(|e| e.via == Via::Call);
    let (message, help) = if order.len() == 1 && chosen.to == from {
        (
            format!("{} {} itself", describe(&from), verb(chosen.via)),
            if only_macros {
                "cxsite refuses recursive macros (they can nest without end and crash the build); \
                 write the levels out, or give the data the shape the page needs"
            } else {
                "a template cannot extend, include or import itself; remove the tag or name another template"
            },
        )
    } else {
        (
            format!("templates form a cycle: {story}"),
            if only_macros {
                "cxsite refuses macros that call each other in a circle; break the circle"
            } else {
                "remove one of these tags so that no template leads back to itself"
            },
        )
    };
    Diagnostic::error(Code::Template, (theme.file)(&chosen.at.0), chosen.at.1, chosen.at.2, message).with_help(help)
}

fn verb(via: Via) -> &'static str {
    match via {
        Via::Extends => "extends",
        Via::Include => "includes",
        Via::Import => "imports",
        Via::Call => "calls",
    }
}

fn describe(node: &NodeKey) -> String {
    match node {
        NodeKey::Template(n) => format!("`{n}`"),
        NodeKey::Macro(file, m) => format!("macro `{m}` (in `{file}`)"),
    }
}

/// Line and column (1-based) of byte offset `at` in `source`.
pub fn line_col(source: &str, at: usize) -> (usize, usize) {
    let before = &source[..at.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The position of the `{% keyword "target" %}` tag at or after `from`
/// (1:1 when it cannot be found).
fn locate_tag(source: &str, from: usize, keyword: &str, target: &str) -> (usize, usize) {
    let mut rest = from.min(source.len());
    while let Some(i) = source.get(rest..).and_then(|s| s.find("{%")) {
        let at = rest + i;
        let tag = &source[at + 2..];
        let end = tag.find("%}").unwrap_or(tag.len());
        let body = tag[..end].trim_start_matches('-').trim_start();
        if body.starts_with(keyword)
            && [format!("\"{target}\""), format!("'{target}'"), format!("`{target}`")]
                .iter()
                .any(|q| body.contains(q.as_str()))
        {
            return line_col(source, at);
        }
        rest = at + 2;
    }
    (1, 1)
}

/// The position of `needle` at or after `from` (1:1 when absent).
fn locate(source: &str, from: usize, needle: &str) -> (usize, usize) {
    let from = from.min(source.len());
    source.get(from..).and_then(|s| s.find(needle)).map_or((1, 1), |i| line_col(source, from + i))
}

/// The byte offset of `{% macro NAME(` (0 when it cannot be found).
fn locate_macro(source: &str, name: &str) -> usize {
    let mut rest = 0;
    while let Some(i) = source.get(rest..).and_then(|s| s.find("{%")) {
        let at = rest + i;
        let body = source[at + 2..].trim_start_matches('-').trim_start();
        if let Some(after) = body.strip_prefix("macro") {
            if after.trim_start().starts_with(name) && after.trim_start()[name.len()..].trim_start().starts_with('(') {
                return at;
            }
        }
        rest = at + 2;
    }
    0
}
