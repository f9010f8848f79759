package se.karta.workflow.tasks;

import se.karta.terms.KartaTerms;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Task;
import se.karta.workflow.TaskFactory;

/**
 * Reads and writes the Tasks the server creates by itself. Every write goes through HAPI's DAO with a
 * {@link SystemRequestDetails}, so the Task passes the same profile and rule enforcement as a client's,
 * and joins the database transaction of the write that caused it (if any).
 *
 * <p>Each server-made Task carries a deterministic identifier ({@value #IDENTIFIER_BASE}{@code {task-type}|...})
 * and is created with a conditional create on it ({@code ifNoneExist}). HAPI records the match URL of a
 * conditional create in {@code HFJ_RES_SEARCH_URL}, whose primary key makes a second, concurrent create
 * of the same identifier fail at the database, also when two server nodes share one database.
 */
public class TaskStore {

	public static final String IDENTIFIER_BASE = KartaTerms.IDENTIFIER;

	/** Task statuses after which a Task is no longer open. */
	public static final Set<Task.TaskStatus> CLOSED = Set.of(
			Task.TaskStatus.COMPLETED, Task.TaskStatus.CANCELLED, Task.TaskStatus.REJECTED,
			Task.TaskStatus.FAILED, Task.TaskStatus.ENTEREDINERROR);

	private final DaoRegistry daoRegistry;

	public TaskStore(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The identifier system of server-made Tasks of one type, e.g. {@code https://fhir.karta.se/identifier/review-due}. */
	public static String identifierSystem(String taskType) {
		return IDENTIFIER_BASE + taskType;
	}

	/**
	 * Stores {@code task} unless a Task with the same identifier exists.
	 *
	 * @param key the identifier value, unique per task type
	 * @return whether a new Task was stored
	 */
	public boolean createOnce(Task task, String taskType, String key) {
		Identifier identifier = new Identifier().setSystem(identifierSystem(taskType)).setValue(key);
		task.addIdentifier(identifier);
		String matchUrl = "Task?identifier=" + identifier.getSystem() + "|" + identifier.getValue();
		DaoMethodOutcome outcome = dao().create(task, matchUrl, new SystemRequestDetails());
		return !Boolean.FALSE.equals(outcome.getCreated());
	}

	/** Tasks of one type whose {@code focus} is the given resource ({@code Type/id}), any status. */
	public List<Task> withFocus(String taskType, String focus) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(Task.SP_CODE, new TokenParam(TaskFactory.CS_TASK_TYPE, taskType));
		map.add(Task.SP_FOCUS, new ReferenceParam(focus));
		return dao().search(map, new SystemRequestDetails()).getAllResources().stream()
				.map(Task.class::cast)
				.toList();
	}

	/** As {@link #withFocus}, only the open ones. */
	public List<Task> openWithFocus(String taskType, String focus) {
		return withFocus(taskType, focus).stream().filter(TaskStore::isOpen).toList();
	}

	public static boolean isOpen(Task task) {
		return !CLOSED.contains(task.getStatus());
	}

	/** Marks a Task completed (a new version, through enforcement). */
	public void complete(Task task) {
		task.setStatus(Task.TaskStatus.COMPLETED);
		task.getExecutionPeriod().setEnd(new java.util.Date());
		dao().update(task, new SystemRequestDetails());
	}

	@SuppressWarnings("unchecked")
	private IFhirResourceDao<Task> dao() {
		IFhirResourceDao<? extends IBaseResource> dao = daoRegistry.getResourceDao(Task.class);
		return (IFhirResourceDao<Task>) dao;
	}
}
