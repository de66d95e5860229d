export * from './kb-article.dto';
export * from './kb-category.dto';
export * from './kb-suggestion.dto';
export * from './kb-capture.dto';
export * from './kb-feedback.dto';
export * from './kb-links.dto';
export * from './kb-search.dto';
