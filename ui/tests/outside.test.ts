import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import OutsideApp from '../src/OutsideApp.svelte';
import { translate } from '../src/lib/i18n';

describe('the page in a plain browser', () => {
  it('says, in Indonesian and then in English, that Juri runs as the desktop app', () => {
    const { body } = render(OutsideApp);
    const id = body.indexOf(translate('id', 'app.outside'));
    const en = body.indexOf(translate('en', 'app.outside'));
    expect(translate('id', 'app.outside')).toMatch(/aplikasi desktop/);
    expect(translate('en', 'app.outside')).toMatch(/desktop app/);
    expect(id).toBeGreaterThan(-1);
    expect(en).toBeGreaterThan(id);
  });
});
