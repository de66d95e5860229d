export * from './kb-suggestion.dto';
