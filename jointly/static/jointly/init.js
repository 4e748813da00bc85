import { initAll } from '/static/govuk/govuk-frontend.min.js'
initAll()

// Only pages with a long drop-down load the autocomplete.
if (document.querySelector('select[data-module="app-autocomplete"]')) {
  const { initAutocompletes } = await import('/static/jointly/autocomplete.js')
  await initAutocompletes(document)
}
