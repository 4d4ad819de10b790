package io.stowage.spring;

import io.stowage.ModelAttribute;
import io.stowage.ModelSchema;
import io.stowage.Stowage;
import io.stowage.StowageException;
import io.stowage.Table;
import io.stowage.annotations.ModelConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers one {@code Table<T>} bean per model class, so that an application injects
 * {@code Table<Document>} like a Spring Data repository. The classes are the
 * {@code @ModelConfig} classes found under {@code stowage.tables.packages} (by default the
 * packages of the {@code @SpringBootApplication}) plus those listed in
 * {@code stowage.tables.classes}. Each bean is named after its class ({@code documentTable})
 * and, with {@code stowage.tables.create-missing=true}, creates its table and buckets the
 * first time it is taken (for development and tests; production tables are made by their
 * infrastructure code).
 *
 * <pre>{@code
 * @Service
 * class Documents {
 *     Documents(Table<Document> documents) { ... }
 * }
 * }</pre>
 */
public final class StowageTableRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Binder binder = Binder.get(environment);
        boolean createMissing = binder.bind(SpringStowageSettings.TABLES + ".create-missing", Boolean.class).orElse(false);
        BeanFactory factory = registry instanceof BeanFactory ? (BeanFactory) registry : null;
        for (Class<?> model : modelClasses(binder, factory)) {
            String name = Character.toLowerCase(model.getSimpleName().charAt(0)) + model.getSimpleName().substring(1) + "Table";
            if (registry.containsBeanDefinition(name)) {
                name = model.getName() + "Table";
            }
            if (registry.containsBeanDefinition(name)) {
                continue;
            }
            RootBeanDefinition table = new RootBeanDefinition(Table.class);
            table.setTargetType(ResolvableType.forClassWithGenerics(Table.class, model));
            table.setInstanceSupplier(() -> table(factory.getBean(Stowage.class), model, createMissing));
            table.setLazyInit(true);
            registry.registerBeanDefinition(name, table);
        }
    }

    private static <T> Table<T> table(Stowage stowage, Class<T> model, boolean createMissing) {
        Table<T> table = stowage.table(model);
        if (createMissing) {
            for (ModelAttribute attribute : table.schema().s3Attributes()) {
                attribute.bucket().ifPresent(bucket -> attribute.region().ifPresentOrElse(
                        region -> stowage.syncCreateBucketIfMissing(bucket, region), () -> stowage.syncCreateBucketIfMissing(bucket)));
            }
            table.syncCreateTableIfMissing();
        }
        return table;
    }

    /** The model classes the settings name, in a stable order. */
    private Set<Class<?>> modelClasses(Binder binder, BeanFactory factory) {
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        Set<Class<?>> models = new LinkedHashSet<>();
        for (String className : binder.bind(SpringStowageSettings.TABLES + ".classes", Bindable.listOf(String.class))
                .orElse(List.of())) {
            models.add(load(className.trim(), loader, SpringStowageSettings.TABLES + ".classes"));
        }
        List<String> packages = binder.bind(SpringStowageSettings.TABLES + ".packages", Bindable.listOf(String.class))
                .orElse(new ArrayList<>());
        if (packages.isEmpty() && factory != null && AutoConfigurationPackages.has(factory)) {
            packages = AutoConfigurationPackages.get(factory);
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false, environment);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ModelConfig.class));
        for (String pkg : packages) {
            scanner.findCandidateComponents(pkg.trim()).forEach(candidate ->
                    models.add(load(candidate.getBeanClassName(), loader, SpringStowageSettings.TABLES + ".packages")));
        }
        for (Class<?> model : models) {
            ModelSchema.of(model); // an unusable model fails the start, naming the class, not the first request
        }
        return models;
    }

    private static Class<?> load(String className, ClassLoader loader, String setting) {
        try {
            return ClassUtils.forName(className, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new StowageException("Setting " + setting + " names the model class '" + className
                    + "', which cannot be loaded: check its name and that it is on the classpath", e);
        }
    }
}
