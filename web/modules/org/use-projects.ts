// The one project list of the web app (key ['org', 'projects']), shared by every screen.
export { useProjects } from '../../app/data/projects';
