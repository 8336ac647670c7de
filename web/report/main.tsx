document.getElementById('app')!.textContent = 'CommsDesk report'
