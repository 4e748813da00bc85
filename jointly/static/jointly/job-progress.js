// Keeps the job page up to date without reloading it; without JavaScript the
// "Check progress again" link does the same.
const box = document.getElementById('job-progress')
const bar = document.getElementById('job-bar')
const count = document.getElementById('job-count')

async function poll () {
  const response = await fetch(box.dataset.url, { headers: { Accept: 'application/json' } })
  if (!response.ok) return
  const job = await response.json()
  if (job.percent !== null) bar.value = job.percent
  count.textContent = `${job.done.toLocaleString()}${job.total ? ' of ' + job.total.toLocaleString() : ''} done`
  if (job.finished) {
    window.location.reload()
  } else {
    setTimeout(poll, 2000)
  }
}
setTimeout(poll, 2000)
