import type { Page } from 'playwright-core';

/** A text element whose colour contrast is below `minimum` against the background behind it. */
export interface LowContrast {
  selector: string;
  text: string;
  ratio: number;
}

/**
 * WCAG contrast of every visible element matching `selectors`, computed by the browser from the
 * styles in effect (text colour against the first opaque background behind it).
 */
export async function lowContrastText(
  page: Page,
  selectors: string[],
  minimum = 4.5,
): Promise<LowContrast[]> {
  return page.evaluate(
    ({ selectors, minimum }) => {
      const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
        const [R, G, B] = [r, g, b].map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
      };
      const background = (element: Element | null): number[] => {
        for (let node = element; node; node = node.parentElement) {
          const color = rgb(getComputedStyle(node).backgroundColor);
          if (color.length === 3 || (color[3] ?? 0) > 0) return color;
        }
        return [255, 255, 255];
      };
      const found: { selector: string; text: string; ratio: number }[] = [];
      for (const selector of selectors) {
        for (const element of document.querySelectorAll<HTMLElement>(selector)) {
          if (!element.checkVisibility() || !element.textContent?.trim()) continue;
          const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background(element))];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < minimum) found.push({ selector, text: element.textContent.trim(), ratio });
        }
      }
      return found;
    },
    { selectors, minimum },
  );
}
