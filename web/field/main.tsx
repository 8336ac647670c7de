import '../common/base.css'
import './field.css'
import { render } from 'preact'
import { createSession } from '../common/session'
import { createDesk } from '../state/desk'
import { App } from './App'
import { createField } from './model'

const desk = createDesk()
const session = createSession(desk)
const field = createField(desk)

render(<App desk={desk} session={session} field={field} />, document.getElementById('app')!)
void session.boot()
