// The embed code page: "Copy" puts a snippet on the clipboard and says so.
for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(`${button.dataset.copy}-status`);
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = 'Copied. Paste it into your page’s HTML.';
    } catch {
      field.select();
      status.textContent = 'Select the code and copy it with your keyboard.';
    }
  });
}
