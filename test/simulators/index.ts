export * from './base';
export * from './genero';
export * from './fenergo';
export * from './kaisa';
export * from './setu';
export * from './generic';
export * from './erp';
