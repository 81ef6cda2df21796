import { inline } from './render-common';

/*
 * The documents a controller prints (the annex, the fill-in sheets) as a list of blocks,
 * written as Markdown or as HTML by the same two functions, so both say the same.
 */

export type Block =
  | { readonly kind: 'title' | 'heading' | 'subheading' | 'paragraph' | 'blank'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'fields'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'table'; readonly name: string; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };

const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function blocksToMarkdown(blocks: readonly Block[], level: number): string[] {
  const hashes = (n: number) => '#'.repeat(level + n);
  return blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case 'title':
        return [`${hashes(0)} ${b.text}`, ''];
      case 'heading':
        return [`${hashes(1)} ${b.text}`, ''];
      case 'subheading':
        return [`**${b.text}**`, ''];
      case 'paragraph':
        return [b.text, ''];
      case 'blank':
        return [`${b.text} ______________________________`, ''];
      case 'list':
        return [...b.items.map((i) => `- ${i}`), ''];
      case 'fields':
        return [...b.rows.map(([label, value]) => `- **${label}:** ${value}`), ''];
      case 'table':
        return [
          `| ${b.head.map(cell).join(' | ')} |`,
          `|${b.head.map(() => '---').join('|')}|`,
          ...b.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
          '',
        ];
    }
  });
}

/** Inline markup, plus `*emphasis*` (the annex marks what is not provided). */
const html = (value: string) => inline(value).replace(/(^|[^*])\*([^*\s][^*]*)\*(?!\*)/g, '$1<em>$2</em>');

export function blocksToHtml(blocks: readonly Block[], level: number): string {
  const h = (n: number) => `h${Math.min(6, level + n)}`;
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return `<${h(0)}>${html(b.text)}</${h(0)}>`;
        case 'heading':
          return `<${h(1)}>${html(b.text)}</${h(1)}>`;
        case 'subheading':
          return `<p class="sub">${html(b.text)}</p>`;
        case 'paragraph':
          return `<p>${html(b.text)}</p>`;
        case 'blank':
          return `<p class="blank">${html(b.text)} <span class="line"></span></p>`;
        case 'list':
          return `<ul>${b.items.map((i) => `<li>${html(i)}</li>`).join('')}</ul>`;
        case 'fields':
          return `<dl>${b.rows.map(([label, value]) => `<dt>${html(label)}</dt><dd>${html(value)}</dd>`).join('')}</dl>`;
        case 'table':
          return `<table class="${b.name}"><thead><tr>${b.head.map((c) => `<th>${html(c)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((row) => `<tr>${row.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`;
      }
    })
    .join('\n');
}
