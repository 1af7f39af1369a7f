import { describe, expect, it } from 'vitest';
import { barChart } from './charts';

describe('server-rendered bar charts', () => {
  const svg = barChart({
    id: 'cats',
    title: 'Allegations by category',
    bars: [
      { label: 'Use of force <& "arrest">', value: 4, lastYear: 2 },
      { label: 'Decisions', value: 2, lastYear: null },
    ],
  });

  it('is an image with a title and a description giving every number', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="cats-title cats-desc"/);
    expect(svg).toContain('<title id="cats-title">Allegations by category</title>');
    expect(svg).toContain('Decisions: 2 (last year none)');
  });

  it('scales the bars to the largest value and escapes labels', () => {
    // 4 is the largest: 340 px; 2 is half: 170 px.
    expect(svg).toContain('width="340" height="18"');
    expect(svg).toContain('width="170" height="18"');
    expect(svg).toContain('Use of force &lt;&amp; &quot;arrest&quot;&gt;');
    expect(svg).not.toContain('style=');
  });
});
