// Enhances a long <select data-module="app-autocomplete"> with GOV.UK's accessible
// autocomplete. The select stays in the form and is what is sent, so the page
// works the same without JavaScript.

export async function initAutocompletes (scope) {
  // alphagov's UMD build sets self.accessibleAutocomplete when loaded as a module.
  await import('/static/jointly/accessible-autocomplete.min.js')
  for (const select of scope.querySelectorAll('select[data-module="app-autocomplete"]')) {
    enhance(select)
  }
}

function optionText (option) {
  return (option.textContent || '').trim()
}

function enhance (select) {
  const id = select.id
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    // A select left on its empty choice ("Choose a person") starts empty, not with that text.
    defaultValue: '',
    showAllValues: true,
    // Autoselect draws its suggestion in a second, unlabelled input, which axe rightly flags.
    autoselect: false,
    inputClasses: select.classList.contains('govuk-select--error') ? 'govuk-input--error' : '',
    onConfirm: (chosen) => {
      const match = [...select.options].find((option) => optionText(option) === (chosen || '').trim())
      if (match) match.selected = true
    }
  })
  const input = document.getElementById(id)
  if (input) keepDescriptions(input, select.getAttribute('aria-describedby'))
  // What the person typed must name a choice exactly: text that matches none
  // (or an emptied box) clears the select, so the form says what is missing
  // rather than sending the choice made before.
  const form = select.form
  if (input && form) {
    form.addEventListener('submit', () => {
      const typed = input.value.trim()
      const match = [...select.options].find((option) => option.value && optionText(option) === typed)
      select.value = match ? match.value : ''
    })
  }
}

// The box is described by the field's hint and error, as the select was. The
// autocomplete sets aria-describedby to its own hint, or removes it, as you type,
// so the field's own are put back beside it whenever it changes.
function keepDescriptions (input, described) {
  if (!described) return
  const own = described.split(' ').filter(Boolean)
  const keep = () => {
    const now = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
    const wanted = [...new Set([...own, ...now])]
    if (wanted.join(' ') !== now.join(' ')) input.setAttribute('aria-describedby', wanted.join(' '))
  }
  keep()
  new MutationObserver(keep).observe(input, { attributes: true, attributeFilter: ['aria-describedby'] })
}
