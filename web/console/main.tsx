import { render } from 'preact'
import '../common/base.css'
import './console.css'
import { createSession } from '../common/session'
import { createDesk } from '../state/desk'
import { loadClientConfig } from '../state/clientConfig'
import { App } from './App'
import { createConsole } from './model'

const desk = createDesk()
const session = createSession(desk)
const model = createConsole(desk)
render(<App desk={desk} session={session} model={model} />, document.getElementById('app')!)
void session.boot()
void loadClientConfig()
