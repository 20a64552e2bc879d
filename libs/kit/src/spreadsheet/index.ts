// A subpath of its own: reading spreadsheets loads ExcelJS, which only the processes that import need.
export * from './read-table.js';
export * from './read-rows.js';
