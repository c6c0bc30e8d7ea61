// shortcuts.js: the keyboard shortcuts the explorer has, as the help overlay
// lists them (pure; web/test/shortcuts.test.js checks the review's keys
// against review.js's own table, so the list names only real ones).

export const SHORTCUTS = [
  { where: 'Anywhere', items: [
    { keys: ['?'], what: 'open this help (outside a text field)' },
    { keys: ['Esc'], what: 'close this help' },
    { keys: ['/'], what: 'search actors, places, events' },
  ] },
  { where: 'Search and path finder boxes', items: [
    { keys: ['↓', '↑'], what: 'move through the suggestions' },
    { keys: ['Enter'], what: 'pick the suggestion; in the path finder, find the path (from any of its fields)' },
    { keys: ['Esc'], what: 'close the suggestions, then leave the box' },
  ] },
  { where: 'Find in view box', items: [
    { keys: ['Enter'], what: 'next match' },
    { keys: ['Shift', 'Enter'], combo: true, what: 'previous match' },
    { keys: ['Esc'], what: 'clear the find and leave the box' },
  ] },
  { where: 'Graph', items: [
    { keys: ['Shift', 'click'], what: 'select a second node (brokers or a path between the two); Ctrl or ⌘ too' },
    { keys: ['f'], what: 'find in the view: highlight the nodes shown whose name or alias matches' },
    { keys: ['n', 'N'], what: 'next, previous match of the find in the view (selected and centred)' },
    { keys: ['p'], what: 'pin the selected node(s) where they are, or unpin them' },
    { keys: ['Ctrl', 'Z'], combo: true, what: 'undo the last view change (expand, remove, clear, filter, layout, path); ⌘ too; Back does the same' },
    { keys: ['Ctrl', 'Shift', 'Z'], combo: true, what: 'redo it (or Ctrl+Y); ⌘ too; Forward does the same' },
  ] },
  { where: 'Sources view: review of candidates', items: [
    { keys: ['j', 'k'], what: 'next, previous group of candidates' },
    { keys: ['↓', '↑'], what: 'next, previous sentence', code: ['ArrowDown', 'ArrowUp'] },
    { keys: ['a'], what: 'accept the sentence' },
    { keys: ['e'], what: 'edit, then accept (Esc cancels the edit)' },
    { keys: ['r'], what: 'reject (with the reason above the list)' },
    { keys: ['A'], what: 'accept the whole group' },
    { keys: ['R'], what: 'reject the whole group' },
  ] },
];

// reviewKeys are the key values (KeyboardEvent.key) the review list names.
export function reviewKeys(list = SHORTCUTS) {
  const g = list.find((s) => s.where.startsWith('Sources view'));
  return (g?.items || []).flatMap((i) => i.code || i.keys).sort();
}
