package se.karta.server;

import ca.uhn.fhir.jpa.dao.CacheTagDefinitionDao;
import ca.uhn.fhir.jpa.dao.data.ITagDefinitionDao;
import ca.uhn.fhir.jpa.model.entity.TagDefinition;
import ca.uhn.fhir.jpa.model.entity.TagTypeEnum;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import jakarta.persistence.EntityManager;

/**
 * HAPI's lookup of the tag definitions behind {@code meta.tag}, {@code meta.security} and
 * {@code meta.profile}, except that each database session gets its own managed {@link TagDefinition}.
 *
 * <p>HAPI keeps the {@code TagDefinition} entity it found in one session in a memory cache shared by
 * all threads and links later sessions' new tag rows to that very object. When a session then reads
 * back, in the same transaction, a resource it wrote (Karta's rules do: the stored consents of the
 * person, which include the one just written), the tag query's {@code LEFT JOIN FETCH t.myTag} makes
 * Hibernate adopt the shared object into that session. Two sessions doing so at once fail at commit
 * with "Illegal attempt to associate a collection with two open sessions:
 * TagDefinition.myResourceVersions" (HTTP 500). Here the cache still answers which row a tag is; the
 * entity handed to HAPI is this session's own (from its persistence context, or one read by primary
 * key).
 */
public class SessionLocalTagDefinitionDao extends CacheTagDefinitionDao {

	/** Spring's shared, transaction-bound entity manager: always the current session. */
	private final EntityManager entityManager;

	public SessionLocalTagDefinitionDao(
			ITagDefinitionDao tagDefinitionDao, MemoryCacheService memoryCacheService, EntityManager entityManager) {
		super(tagDefinitionDao, memoryCacheService);
		this.entityManager = entityManager;
	}

	@Override
	protected TagDefinition getTagOrNull(
			TransactionDetails transactionDetails,
			TagTypeEnum tagType,
			String scheme,
			String term,
			String label,
			String version,
			Boolean userSelected) {
		TagDefinition tag =
				super.getTagOrNull(transactionDetails, tagType, scheme, term, label, version, userSelected);
		if (tag == null || tag.getId() == null || entityManager.contains(tag)) {
			return tag;
		}
		TagDefinition own = entityManager.find(TagDefinition.class, tag.getId());
		return own != null ? own : tag;
	}
}
